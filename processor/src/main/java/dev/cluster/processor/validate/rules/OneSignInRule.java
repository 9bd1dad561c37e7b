package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A service is one OpenID Connect client of the identity provider: {@code @AuthGateway} makes it
 * one already (with its own {@code redirectPath}), so an {@code @OidcClient} beside it would be
 * silently ignored.
 */
public final class OneSignInRule implements Rule {
  @Override
  public String tag() {
    return "one-sign-in";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.annotationOrigins().containsKey("AuthGateway")
          && service.annotationOrigins().containsKey("OidcClient")) {
        problems.error(
            service.originOf("OidcClient"),
            "",
            "@OidcClient on service "
                + service.name()
                + " beside"
                + " @AuthGateway, which signs users in as its OpenID Connect client already; remove @OidcClient (set"
                + " the gateway's redirectPath on @AuthGateway)");
      }
    }
  }
}
