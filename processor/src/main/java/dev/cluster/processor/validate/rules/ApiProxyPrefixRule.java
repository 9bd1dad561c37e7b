package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ApiProxySpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The proxy picks the upstream by path prefix: a prefix is an absolute path of plain segments
 * ({@code /weather}), and two upstreams of one prefix would leave one unreachable.
 */
public final class ApiProxyPrefixRule implements Rule {
  private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

  @Override
  public String tag() {
    return "api-proxy-prefix";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      Map<String, ApiProxySpec> taken = new HashMap<>();
      for (ApiProxySpec proxy : service.apiProxies()) {
        if (!PREFIX.matcher(proxy.prefix()).matches()) {
          problems.error(
              proxy.origin(),
              "prefix",
              "prefix = \""
                  + proxy.prefix()
                  + "\" of service "
                  + service.name()
                  + " must be a path like \"/weather\": '/' and plain segments, no trailing '/'");
          continue;
        }
        ApiProxySpec owner = taken.putIfAbsent(proxy.prefix(), proxy);
        if (owner != null) {
          problems.error(
              proxy.origin(),
              "prefix",
              "prefix = \""
                  + proxy.prefix()
                  + "\" of service "
                  + service.name()
                  + " already leads to "
                  + owner.upstream()
                  + "; give each @ApiProxy its own prefix");
        }
      }
    }
  }
}
