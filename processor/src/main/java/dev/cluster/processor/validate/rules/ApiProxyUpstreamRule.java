package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ApiProxySpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The proxy adds the API key to every upstream request: over plain http the key would cross the
 * internet readable, and a relative URL names no host. The upstream is an absolute https URL with a
 * host and no query or fragment (the proxy appends the request's own).
 */
public final class ApiProxyUpstreamRule implements Rule {
  @Override
  public String tag() {
    return "api-proxy-upstream";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      for (ApiProxySpec proxy : service.apiProxies()) {
        if (!isHttpsBase(proxy.upstream())) {
          problems.error(
              proxy.origin(),
              "upstream",
              "upstream = \""
                  + proxy.upstream()
                  + "\" of service "
                  + service.name()
                  + " is not an absolute https URL with a host and no query, e.g."
                  + " \"https://api.example.com/v1\"; the API key must only travel encrypted");
        }
      }
    }
  }

  static boolean isHttpsBase(String upstream) {
    try {
      URI uri = new URI(upstream);
      return "https".equals(uri.getScheme())
          && uri.getHost() != null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null
          && uri.getRawUserInfo() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
