package dev.cluster.processor.generate.services;

import dev.cluster.processor.generate.units.PodNetwork;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * How an app reaches its own Postgres ({@code @Postgres}): through its ambassador on the machine, at the
 * ambassador's local port from the model, as the superuser {@code postgres}, with the database's password
 * in the variable its unit fills from Secrets Manager ({@code DB_PASSWORD}). The unit also sets
 * {@code <prefix>_HOST} and {@code <prefix>_PORT} to the same address.
 */
record DatabaseAccess(String host, int port, String database, String user, String passwordEnv, String hostEnv,
    String portEnv) {
  static final String USER = "postgres";

  static Optional<DatabaseAccess> of(ClusterModel model, ServiceSpec app) {
    for (AmbassadorSpec ambassador : model.ambassadorsOf(app)) {
      ServiceSpec used = ambassador.used();
      if (used.kind() != ServiceKind.POSTGRES) {
        continue;
      }
      String passwordEnv = model.secretsOf(used).stream().map(SecretSpec::env).findFirst()
          .orElse(ambassador.envPrefix() + "_PASSWORD");
      return Optional.of(new DatabaseAccess(PodNetwork.ambassadorAddress(model, app), ambassador.primary().localPort(),
          used.postgres().orElseThrow().database(), USER, passwordEnv, ambassador.envPrefix() + "_HOST",
          ambassador.envPrefix() + "_PORT"));
    }
    return Optional.empty();
  }
}
