package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Problems;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * The front door keeps the cluster's DNS records pointing at its own instances: two front doors would
 * overwrite each other's records.
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
      problems.error(extra.originOf("FrontDoor"), "", "service " + doors.get(0).name() + " is the cluster's"
          + " @FrontDoor already, and both would write the DNS records of " + model.cluster().domain()
          + "; remove @FrontDoor from " + extra.name());
    }
  }
}
