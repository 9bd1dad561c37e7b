package dev.cluster.processor.generate.config.realm;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * How users' browsers reach a routed service: {@code https://<subdomain>.<domain>} in the cluster.
 * Tests that run the front door on a loopback port build the same outputs with their own scheme and
 * port.
 */
public record PublicUrls(String scheme, int port) {
  public static final PublicUrls CLUSTER = new PublicUrls("https", 443);

  public String of(ClusterModel model, String subdomain) {
    boolean defaultPort =
        (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return scheme
        + "://"
        + subdomain
        + "."
        + model.cluster().domain()
        + (defaultPort ? "" : ":" + port);
  }

  public Optional<String> of(ClusterModel model, ServiceSpec service) {
    return service.route().map(r -> of(model, r.subdomain()));
  }
}
