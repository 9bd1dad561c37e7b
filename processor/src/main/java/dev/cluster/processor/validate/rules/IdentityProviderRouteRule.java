package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * Users sign in at the {@code @IdentityProvider} through the front door, before anyone knows their
 * groups: it needs a {@code @Route}, and one that admits everyone ({@code allow} empty).
 */
public final class IdentityProviderRouteRule implements Rule {
  @Override
  public String tag() {
    return "identity-provider-route";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    if (model.identityProvider().isEmpty()) {
      return;
    }
    ServiceSpec provider = model.identityProvider().get();
    if (provider.route().isEmpty()) {
      problems.error(
          model.identity().providerOrigin(),
          "",
          "@IdentityProvider service "
              + provider.name()
              + " has no @Route, so no browser can reach its sign-in page; add @Route(subdomain = \"id\")");
    } else if (!provider.route().get().allow().isEmpty()) {
      problems.error(
          provider.route().get().origin(),
          "allow",
          "@Route of @IdentityProvider service "
              + provider.name()
              + " allows only some groups, but users sign in there before their groups are"
              + " known; leave allow empty");
    }
  }
}
