package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A node group's name goes into fleet's machine metadata ({@code group=<name>}), resource tags and,
 * converted, CloudFormation logical ids: a DNS label fits them all.
 */
public final class NodeGroupNameRule implements Rule {
  @Override
  public String tag() {
    return "node-group-name";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      if (!NameChecks.isDnsLabel(group.name())) {
        problems.error(
            group.origin(),
            "name",
            "the node group name \""
                + group.name()
                + "\" of "
                + References.simpleName(group.id())
                + " must be "
                + NameChecks.DNS_LABEL_FORM
                + "; set name, or rename the class");
      }
    }
  }
}
