package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * An OpenID Connect client ({@code @OidcClient}, {@code @AuthGateway}) signs users in at the
 * cluster's {@code @IdentityProvider}, which redirects back to the client's own host: both need a
 * {@code @Route}.
 */
public final class OidcClientRule implements Rule {
  @Override
  public String tag() {
    return "oidc-client";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (OidcClientSpec client : model.identity().clients()) {
      ServiceSpec service = model.service(client.serviceId()).orElseThrow();
      String what =
          client.gateway() ? "@AuthGateway" : client.signsIn() ? "@OidcClient" : "@ReadsAccounts";
      if (model.identityProvider().isEmpty()) {
        problems.error(
            client.origin(),
            "",
            what
                + " service "
                + service.name()
                + " needs the identity provider, but cluster "
                + model.cluster().name()
                + " has no @IdentityProvider service; add one (Keycloak), or remove "
                + what);
      } else if (client.signsIn() && service.route().isEmpty()) {
        problems.error(
            client.origin(),
            "",
            what
                + " service "
                + service.name()
                + " has no @Route, so the identity"
                + " provider has no https://<subdomain>."
                + model.cluster().domain()
                + " to redirect back to; add a @Route");
      }
    }
  }
}
