package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * Patroni fails over to a standby; with synchronous replication a commit waits for one. With fewer
 * than three members on distinct machines, losing one machine leaves no standby to fail over to or
 * to confirm commits: the database works, but not through the loss of a machine. [placement]
 * already checks that the members fit on distinct machines, and [data-features] rejects a database
 * on a DATA group.
 */
public final class PostgresReplicasRule implements Rule {
  static final int MIN_MEMBERS = 3;

  @Override
  public String tag() {
    return "postgres-replicas";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      boolean onDataGroup =
          model
              .nodeGroup(service.runsOn())
              .filter(group -> DataFeaturesRule.isDerivedOnData(service, group))
              .isPresent();
      if (service.kind() == ServiceKind.POSTGRES
          && !onDataGroup
          && service.replicas() >= 1
          && service.replicas() < MIN_MEMBERS) {
        problems.warning(
            service.origin(),
            "replicas",
            "replicas = "
                + service.replicas()
                + " but "
                + service.name()
                + " needs at least "
                + MIN_MEMBERS
                + " Patroni members on distinct machines to"
                + " fail over and keep a synchronous standby when one machine is lost; set replicas = "
                + MIN_MEMBERS);
      }
    }
  }
}
