package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * The front door is what the internet reaches: without {@code @Public} its ports are closed to it.
 */
public final class FrontDoorPublicRule implements Rule {
  @Override
  public String tag() {
    return "front-door-public";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.frontDoors()) {
      if (!service.isPublic()) {
        problems.error(
            service.originOf("FrontDoor"),
            "",
            "@FrontDoor service "
                + service.name()
                + " is not @Public, so the internet cannot reach the routes it serves; add"
                + " @Public(reason = \"the front door\")");
      }
    }
  }
}
