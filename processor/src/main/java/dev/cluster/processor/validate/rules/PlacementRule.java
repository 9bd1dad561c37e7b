package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * Replicas run on distinct machines (fleet {@code Conflicts}), so a service cannot have more
 * replicas than its node group can have machines. DATA groups run their services on every machine
 * instead. A group whose size a size rule reports is passed over: its size says nothing yet.
 */
public final class PlacementRule implements Rule {
  @Override
  public String tag() {
    return "placement";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      model
          .nodeGroup(service.runsOn())
          .filter(group -> group.role() != Role.DATA && Sizing.isSound(group))
          .ifPresent(group -> checkFits(service, group, problems));
    }
  }

  private static void checkFits(ServiceSpec service, NodeGroupSpec group, Problems problems) {
    if (service.replicas() < 1) {
      problems.error(
          service.origin(),
          "replicas",
          "replicas = "
              + service.replicas()
              + " but service "
              + service.name()
              + " needs at least 1 replica");
    } else if (service.replicas() > group.maxSize()) {
      problems.error(
          service.origin(),
          "replicas",
          "replicas = "
              + service.replicas()
              + " but node group "
              + group.name()
              + " holds at most "
              + group.maxSize()
              + " machines, and replicas of "
              + service.name()
              + " run on distinct machines");
    }
  }
}
