package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Rule;

/** A WORKER group's autoscaling group needs 0 <= min <= max and max >= 1 to ever run a machine. */
public final class WorkerSizeRule implements Rule {
  @Override
  public String tag() {
    return "worker-size";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      if (group.role() != Role.WORKER || !Sizing.isWellFormed(group)) {
        continue;
      }
      if (group.max() < 1) {
        problems.error(
            group.origin(),
            "max",
            "max = "
                + group.max()
                + " but WORKER node group "
                + group.name()
                + " then never runs a machine; set max to 1 or more");
      } else if (group.min() < 0) {
        problems.error(
            group.origin(),
            "min",
            "min = "
                + group.min()
                + " but WORKER node group "
                + group.name()
                + " cannot have fewer than 0 machines");
      } else if (group.min() > group.max()) {
        problems.error(
            group.origin(),
            "min",
            "min = "
                + group.min()
                + " but max = "
                + group.max()
                + ": WORKER node group "
                + group.name()
                + " cannot keep more machines than it may have; set min <= max");
      }
    }
  }

  static boolean fits(NodeGroupSpec group) {
    return group.max() >= 1 && group.min() >= 0 && group.min() <= group.max();
  }
}
