package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Rule;

/**
 * etcd's members run on the MAIN group: 3 to 9 machines keep a quorum without slowing every write.
 */
public final class MainGroupSizeRule implements Rule {
  static final int MIN = 3;
  static final int MAX = 9;

  @Override
  public String tag() {
    return "main-size";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      if (group.role() == Role.MAIN && Sizing.isWellFormed(group) && !fits(group)) {
        problems.error(
            group.origin(),
            "size",
            "size = "
                + group.size()
                + " but MAIN node group "
                + group.name()
                + " runs etcd and must have "
                + MIN
                + " to "
                + MAX
                + " machines");
      }
    }
  }

  static boolean fits(NodeGroupSpec group) {
    return group.size() >= MIN && group.size() <= MAX;
  }
}
