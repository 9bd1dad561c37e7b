package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.units.PodNetwork;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClientEnv;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * How an app reaches its own Postgres ({@code @Postgres}): through its ambassador on the machine,
 * at the ambassador's local port from the model, as its own role, with that role's password in the
 * variable its unit fills from Secrets Manager ({@code DB_PASSWORD} unless its {@code @DbEnv}
 * renames it). The unit also sets the host and port variables to the same address.
 */
record DatabaseAccess(
    String host,
    int port,
    String database,
    String user,
    String passwordEnv,
    String hostEnv,
    String portEnv) {

  static Optional<DatabaseAccess> of(ClusterModel model, ServiceSpec app) {
    for (AmbassadorSpec ambassador : model.ambassadorsOf(app)) {
      ServiceSpec used = ambassador.used();
      if (used.kind() != ServiceKind.POSTGRES) {
        continue;
      }
      ClientEnv names = used.clientEnv();
      return used.postgres()
          .map(
              pg ->
                  new DatabaseAccess(
                      PodNetwork.ambassadorAddress(model, app),
                      ambassador.primary().localPort(),
                      pg.database(),
                      pg.role(),
                      names.password(),
                      names.host(),
                      names.port()));
    }
    return Optional.empty();
  }
}
