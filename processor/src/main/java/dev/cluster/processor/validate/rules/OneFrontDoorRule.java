package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * The front door keeps the cluster's DNS records pointing at its own instances: two front doors
 * would overwrite each other's records. Two front doors are a {@link Problems#clash}: reported on
 * both, or on the one just edited when javac lets that be known.
 */
public final class OneFrontDoorRule implements Rule {
  @Override
  public String tag() {
    return "one-front-door";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    List<ServiceSpec> doors = model.frontDoors();
    for (ServiceSpec extra : doors.subList(Math.min(1, doors.size()), doors.size())) {
      ServiceSpec first = doors.get(0);
      problems.clash(
          extra.originOf("FrontDoor"),
          "",
          twoDoors(model, extra, first),
          first.originOf("FrontDoor"),
          "",
          twoDoors(model, first, extra));
    }
  }

  private static String twoDoors(ClusterModel model, ServiceSpec door, ServiceSpec other) {
    return "service "
        + door.name()
        + " ("
        + References.declaredIn(door.id())
        + ") and service "
        + other.name()
        + " ("
        + References.declaredIn(other.id())
        + ") are both a @FrontDoor, and both would write the DNS"
        + " records of "
        + model.cluster().domain()
        + "; keep @FrontDoor on one of them";
  }
}
