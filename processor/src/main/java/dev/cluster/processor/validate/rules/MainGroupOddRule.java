package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Rule;

/**
 * etcd needs a majority: 4 members tolerate one failure, as 3 do, and 6 two, as 5 do. An even MAIN
 * group works but pays for a machine that adds no fault tolerance.
 */
public final class MainGroupOddRule implements Rule {
  @Override
  public String tag() {
    return "main-odd";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      if (group.role() == Role.MAIN
          && Sizing.isWellFormed(group)
          && MainGroupSizeRule.fits(group)
          && group.size() % 2 == 0) {
        int tolerated = (group.size() - 1) / 2;
        problems.warning(
            group.origin(),
            "size",
            "size = "
                + group.size()
                + " but etcd on MAIN node group "
                + group.name()
                + " tolerates "
                + tolerated
                + " lost member(s), as with "
                + (group.size() - 1)
                + " machines: an even size adds no fault tolerance; use "
                + (group.size() - 1)
                + " or "
                + (group.size() + 1));
      }
    }
  }
}
