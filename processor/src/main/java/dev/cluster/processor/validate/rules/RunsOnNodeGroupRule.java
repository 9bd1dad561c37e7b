package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A service runs on machines: {@code runsOn} must name a {@code @NodeGroup} class of the cluster.
 */
public final class RunsOnNodeGroupRule implements Rule {
  @Override
  public String tag() {
    return "runs-on";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      // A derived database runs where its app runs: the app's own error covers it.
      if (service.kind() == ServiceKind.APP && model.nodeGroup(service.runsOn()).isEmpty()) {
        problems.error(
            service.origin(),
            "runsOn",
            "runsOn = "
                + References.classLiteral(service.runsOn())
                + " but "
                + service.runsOn()
                + " is not a @NodeGroup of cluster "
                + model.cluster().name());
      }
    }
  }
}
