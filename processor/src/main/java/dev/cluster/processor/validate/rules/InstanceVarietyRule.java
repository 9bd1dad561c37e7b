package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A mixed-instances group with one type cannot launch when that type runs short in a zone, and AWS
 * Control Tower's proactive control CT.AUTOSCALING.PR.6 rejects an Auto Scaling group without
 * multiple instance types. An error, not a warning: the stack would not deploy in an account with
 * the control on.
 */
public final class InstanceVarietyRule implements Rule {
  static final int MIN_TYPES = 2;

  @Override
  public String tag() {
    return "instance-variety";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      int count = group.instanceTypes().size();
      if (count < MIN_TYPES) {
        problems.error(
            group.origin(),
            "instanceTypes",
            "instanceTypes lists "
                + count
                + " type(s) but node group "
                + group.name()
                + " needs at least "
                + MIN_TYPES
                + " (Control Tower's CT.AUTOSCALING.PR.6 requires multiple instance types, and a second type"
                + " launches when the first runs short in a zone); add e.g. \"m6a.large\" beside \"m6i.large\"");
      }
    }
  }
}
