package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * The cluster's accounts live in one realm at one identity provider, which every OpenID Connect
 * client and accounts-sync use: a second {@code @IdentityProvider} would get no realm and no
 * client, silently. Two are a {@link Problems#clash}: reported on both, or on the one just edited
 * when javac lets that be known.
 */
public final class OneIdentityProviderRule implements Rule {
  private static final String ANNOTATION = "IdentityProvider";

  @Override
  public String tag() {
    return "one-identity-provider";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    List<ServiceSpec> providers =
        model.services().stream()
            .filter(s -> s.annotationOrigins().containsKey(ANNOTATION))
            .toList();
    for (ServiceSpec extra : providers.subList(Math.min(1, providers.size()), providers.size())) {
      ServiceSpec first = providers.get(0);
      problems.clash(
          extra.originOf(ANNOTATION),
          "",
          twoProviders(extra, first),
          first.originOf(ANNOTATION),
          "",
          twoProviders(first, extra));
    }
  }

  private static String twoProviders(ServiceSpec provider, ServiceSpec other) {
    return "service "
        + provider.name()
        + " ("
        + References.declaredIn(provider.id())
        + ") and service "
        + other.name()
        + " ("
        + References.declaredIn(other.id())
        + ") are both an @IdentityProvider, but the cluster's accounts"
        + " live in one realm at one of them; keep @IdentityProvider on one";
  }
}
