package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * A WORKER group with min < max removes machines when it scales in, and with them whatever a
 * service kept on their disks. The model cannot see an app's files, so "stateful" is read from the
 * declaration: an {@code @Elected} app (a singleton whose standby takes over, which is pointless
 * without shared state) that keeps no synced volume and uses no database. Such an app works until
 * the machine goes: a warning.
 */
public final class StatefulWorkerRule implements Rule {
  @Override
  public String tag() {
    return "stateful-worker";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.kind() != ServiceKind.APP
          || !service.isElected()
          || !service.volumes().isEmpty()
          || usesDatabase(model, service)) {
        continue;
      }
      model
          .nodeGroup(service.runsOn())
          .filter(StatefulWorkerRule::scalesIn)
          .ifPresent(
              group ->
                  problems.warning(
                      service.originOf("Elected"),
                      "",
                      "service "
                          + service.name()
                          + " is @Elected, so it"
                          + " keeps state, but has no @BtsyncVolume and uses no database, and WORKER node group "
                          + group.name()
                          + " scales in from "
                          + group.max()
                          + " to "
                          + group.min()
                          + " machines: its state"
                          + " is lost with the machine; add @BtsyncVolume for its data or a database"));
    }
  }

  private static boolean scalesIn(NodeGroupSpec group) {
    return group.role() == Role.WORKER && Sizing.isSound(group) && group.min() < group.max();
  }

  private static boolean usesDatabase(ClusterModel model, ServiceSpec service) {
    return model.used(service).stream().anyMatch(used -> used.kind() != ServiceKind.APP);
  }
}
