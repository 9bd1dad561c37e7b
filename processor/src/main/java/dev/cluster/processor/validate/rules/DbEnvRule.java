package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClientEnv;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A database's {@code env = @DbEnv(...)} names variables of its app: each must be an environment
 * variable name, each variable may be named once (two attributes of one {@code @DbEnv} would give
 * the app one value for both), and Redis, which has no user, password or database name here, takes
 * only {@code host}, {@code port} and {@code url}. A name the app's other variables set as well is
 * [env-names]'s.
 */
public final class DbEnvRule implements Rule {
  private static final Set<String> WITHOUT_LOGIN = Set.of("user", "password", "database");

  @Override
  public String tag() {
    return "db-env";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec database : model.services()) {
      if (database.kind() != ServiceKind.APP) {
        check(database, problems);
      }
    }
  }

  private static void check(ServiceSpec database, Problems problems) {
    String annotation = annotationOf(database.kind());
    ClientEnv conventional = ClientEnv.conventional(database.kind(), database.clientEnvPrefix());
    Map<String, String> byName = new HashMap<>();
    database
        .clientEnv()
        .byAttribute()
        .forEach(
            (attribute, name) -> {
              String path = "env." + attribute;
              boolean written = !name.equals(conventional.byAttribute().get(attribute));
              if (written
                  && database.kind() == ServiceKind.REDIS
                  && WITHOUT_LOGIN.contains(attribute)) {
                problems.error(
                    database.origin(),
                    path,
                    "env."
                        + attribute
                        + " = \""
                        + name
                        + "\" of "
                        + annotation
                        + " on "
                        + owner(database)
                        + " names nothing: Redis has no user, password or database name here; "
                        + annotation
                        + "(env = @DbEnv(...)) takes host, port and url only");
              } else if (written && !EnvNamesRule.isVariable(name)) {
                problems.error(
                    database.origin(),
                    path,
                    "env."
                        + attribute
                        + " = \""
                        + name
                        + "\" of "
                        + annotation
                        + " on "
                        + owner(database)
                        + " is not an environment variable name: letters, digits and '_', not starting"
                        + " with a digit");
              } else {
                String earlier = byName.putIfAbsent(name, attribute);
                if (earlier != null) {
                  problems.error(
                      database.origin(),
                      path,
                      "env."
                          + attribute
                          + " = \""
                          + name
                          + "\" of "
                          + annotation
                          + " on "
                          + owner(database)
                          + " is env."
                          + earlier
                          + "'s variable already; the app would get one"
                          + " value for both: give each its own name");
                }
              }
            });
  }

  private static String annotationOf(ServiceKind kind) {
    return switch (kind) {
      case POSTGRES -> "@Postgres";
      case REDIS -> "@Redis";
      case MARIADB -> "@MariaDb";
      case APP -> "@Service";
    };
  }

  /**
   * The app a derived database belongs to: its name without the {@code -db}, {@code -redis}, ...
   * suffix.
   */
  private static String owner(ServiceSpec database) {
    return database.name().substring(0, database.name().lastIndexOf('-'));
  }
}
