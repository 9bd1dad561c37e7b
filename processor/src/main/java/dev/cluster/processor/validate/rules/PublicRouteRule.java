package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A {@code @Route} admits only signed-in members of its groups; {@code @Public} opens the same
 * service's ports to anyone, past the sign-in. Both together work but make the route's restriction
 * decorative.
 */
public final class PublicRouteRule implements Rule {
  @Override
  public String tag() {
    return "public-route";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.isPublic() && service.route().isPresent() && !service.frontDoor()) {
        problems.warning(
            service.originOf("Public"),
            "",
            "service "
                + service.name()
                + " has a @Route, which"
                + " asks for a sign-in, and is @Public, which opens its ports to everyone without one; remove"
                + " @Public to keep the sign-in, or @Route if it is meant to be open");
      }
    }
  }
}
