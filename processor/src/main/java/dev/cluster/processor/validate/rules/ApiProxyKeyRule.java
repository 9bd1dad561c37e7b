package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ApiProxySpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * An upstream's API key lives in Secrets Manager only: {@code key} must name a {@code @Secret}
 * class, and one the service lists in {@code @Service(secrets)}, since only those reach its
 * container (as environment).
 */
public final class ApiProxyKeyRule implements Rule {
  @Override
  public String tag() {
    return "api-proxy-key";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      for (ApiProxySpec proxy : service.apiProxies()) {
        if (model.secret(proxy.keySecretId()).isEmpty()) {
          problems.error(
              proxy.origin(),
              "key",
              "key = "
                  + References.classLiteral(proxy.keySecretId())
                  + " but "
                  + proxy.keySecretId()
                  + " is not a @Secret of cluster "
                  + model.cluster().name()
                  + "; the API key of "
                  + proxy.upstream()
                  + " must live in a @Secret class");
        } else if (!service.secrets().contains(proxy.keySecretId())) {
          problems.error(
              proxy.origin(),
              "key",
              "key = "
                  + References.classLiteral(proxy.keySecretId())
                  + " is not among the secrets of service "
                  + service.name()
                  + ", so its unit would not hand the key"
                  + " over; add it to @Service(secrets)");
        }
      }
    }
  }
}
