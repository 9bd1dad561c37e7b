package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A service on a DATA group runs once on every machine of the group, from the machines' user data;
 * a written {@code replicas} would be ignored, so it is an error rather than a silent surprise.
 */
public final class DataReplicasRule implements Rule {
  @Override
  public String tag() {
    return "data-replicas";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP || !service.replicasExplicit()) {
        continue;
      }
      model
          .nodeGroup(service.runsOn())
          .filter(g -> g.role() == Role.DATA)
          .ifPresent(
              group ->
                  problems.error(
                      service.origin(),
                      "replicas",
                      "replicas = "
                          + service.replicas()
                          + " but service "
                          + service.name()
                          + " runs on DATA node group "
                          + group.name()
                          + ", once on each of its "
                          + group.size()
                          + " machines; remove replicas (size the group instead)"));
    }
  }
}
