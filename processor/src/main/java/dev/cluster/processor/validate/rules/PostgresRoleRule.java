package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PostgresSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.Set;

/**
 * An app with {@code @Postgres} logs in as its own role, named after it (dashes as underscores).
 * That role cannot be one of Patroni's own users, whose passwords only the members hold, nor start
 * with {@code pg_}, which PostgreSQL reserves: the first member's bootstrap would fail to create
 * it.
 */
public final class PostgresRoleRule implements Rule {
  static final Set<String> PATRONI_USERS = Set.of("postgres", "replicator", "rewind");

  @Override
  public String tag() {
    return "postgres-role";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec database : model.services()) {
      database
          .postgres()
          .map(PostgresSpec::role)
          .ifPresent(
              role -> {
                if (PATRONI_USERS.contains(role) || role.startsWith("pg_")) {
                  problems.error(
                      database.origin(),
                      "",
                      "the app of "
                          + database.name()
                          + " would log in to it as role "
                          + role
                          + (role.startsWith("pg_")
                              ? ", a name PostgreSQL reserves (pg_*)"
                              : ", which is one of"
                                  + " Patroni's own users (postgres, replicator, rewind)")
                          + "; its role is named after the service:"
                          + " give the service another name");
                }
              });
    }
  }
}
