package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Problems;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/**
 * The MAIN group runs the cluster's one etcd cluster and the machines every fleet agent talks to: without
 * one nothing is scheduled, and a second would start a second, separate etcd cluster.
 */
public final class OneMainGroupRule implements Rule {
  @Override
  public String tag() {
    return "one-main";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    List<NodeGroupSpec> mains = model.nodeGroups().stream().filter(g -> g.role() == Role.MAIN).toList();
    if (mains.isEmpty()) {
      problems.error(model.cluster().origin(), "", "cluster " + model.cluster().name()
          + " has no MAIN node group; declare exactly one @NodeGroup(role = Role.MAIN, size = 3, ...): its"
          + " machines run etcd and fleet");
      return;
    }
    for (NodeGroupSpec extra : mains.subList(1, mains.size())) {
      problems.error(extra.origin(), "role", "role = MAIN but node group " + mains.get(0).name()
          + " is the cluster's MAIN group already; a cluster has exactly one etcd cluster, so exactly one"
          + " MAIN group: make " + extra.name() + " a WORKER group");
    }
  }
}
