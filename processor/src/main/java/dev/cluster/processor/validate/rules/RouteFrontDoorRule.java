package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * A route is served by the front door: without a {@code @FrontDoor} service no route answers. One
 * cause, one error: reported on the first routed service by name, counting the others.
 */
public final class RouteFrontDoorRule implements Rule {
  @Override
  public String tag() {
    return "route-front-door";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    List<ServiceSpec> routed =
        model.services().stream().filter(s -> s.route().isPresent()).toList();
    if (routed.isEmpty() || !model.frontDoors().isEmpty()) {
      return;
    }
    ServiceSpec first = routed.get(0);
    String others =
        routed.size() == 1 ? "" : " (and the routes of " + (routed.size() - 1) + " more services)";
    problems.error(
        first.route().get().origin(),
        "",
        "@Route of service "
            + first.name()
            + others
            + " needs a @FrontDoor service in cluster "
            + model.cluster().name()
            + " to serve it; declare a"
            + " @Public @FrontDoor @Service (nginx)");
  }
}
