package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Rule;

/**
 * A DATA group is sized by hand: without a size of 1 or more it has no machine to run its services.
 */
public final class DataSizeRule implements Rule {
  @Override
  public String tag() {
    return "data-size";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      if (group.role() == Role.DATA && Sizing.isWellFormed(group) && !fits(group)) {
        problems.error(
            group.origin(),
            "size",
            "size = "
                + group.size()
                + " but DATA node group "
                + group.name()
                + " is sized by hand and needs 1 or more machines; set size");
      }
    }
  }

  static boolean fits(NodeGroupSpec group) {
    return group.size() >= 1;
  }
}
