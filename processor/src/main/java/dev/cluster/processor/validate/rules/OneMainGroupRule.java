package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * The MAIN group runs the cluster's one etcd cluster and the machines every fleet agent talks to:
 * without one nothing is scheduled, and a second would start a second, separate etcd cluster. Two
 * MAIN groups are a {@link Problems#clash}: reported on both, or on the one just edited when javac
 * lets that be known.
 */
public final class OneMainGroupRule implements Rule {
  @Override
  public String tag() {
    return "one-main";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    List<NodeGroupSpec> mains =
        model.nodeGroups().stream().filter(g -> g.role() == Role.MAIN).toList();
    if (mains.isEmpty()) {
      problems.error(
          model.cluster().origin(),
          "",
          "cluster "
              + model.cluster().name()
              + " has no MAIN node group; declare exactly one @NodeGroup(role = Role.MAIN, size = 3, ...): its"
              + " machines run etcd and fleet");
      return;
    }
    for (NodeGroupSpec extra : mains.subList(1, mains.size())) {
      NodeGroupSpec first = mains.get(0);
      problems.clash(
          extra.origin(),
          "role",
          twoMains(extra, first),
          first.origin(),
          "role",
          twoMains(first, extra));
    }
  }

  private static String twoMains(NodeGroupSpec group, NodeGroupSpec other) {
    return "role = MAIN of node group "
        + group.name()
        + " ("
        + References.declaredIn(group.id())
        + ") and of node"
        + " group "
        + other.name()
        + " ("
        + References.declaredIn(other.id())
        + "); a cluster has exactly one etcd"
        + " cluster, so exactly one MAIN group: make one of them a WORKER group";
  }
}
