package dev.cluster.processor.generate.units;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import org.junit.jupiter.api.Test;

/**
 * What an app with {@code @DbEnv} and its database get, through the real processor: the app its
 * variables under its own names and its own role's password (a URL through secrets-env, never in
 * the unit), the members their four separate secrets and the post-bootstrap that creates the role.
 */
class DbEnvUnitsTest {
  private static Compilation compiled() {
    Compilation compilation =
        Compile.cluster(
            ClusterSources.valid()
                .with(
                    "Web",
                    """
        @Service(name = "grafana", image = "example/grafana:11", runsOn = Workers.class, ports = @Port(3000))
        @Postgres(env = @DbEnv(host = "GF_DATABASE_HOST", user = "GF_DATABASE_USER",
            password = "GF_DATABASE_PASSWORD", database = "GF_DATABASE_NAME", url = "DATA_SOURCE_NAME"))
        @Redis(env = @DbEnv(url = "CACHE_URL"))
        public class Web {}
        """));
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  @Test
  void theAppReadsItsDatabaseUnderItsOwnNamesAsItsOwnRole() {
    String app = Compile.generated(compiled(), "cluster/demo/units/grafana@.service").orElseThrow();
    // its ambassadors listen on the gateway of its own pod network
    String gateway = app.replaceAll("(?s).*-e GF_DATABASE_HOST=(\\S+) .*", "$1");
    assertTrue(gateway.matches("10\\.222\\.\\d+\\.\\d+") && app.contains("--net=pod-grafana"), app);
    assertTrue(
        app.contains(
            "    -e GF_DATABASE_HOST="
                + gateway
                + " \\\n    -e DB_PORT=15000 \\\n"
                + "    -e GF_DATABASE_NAME=grafana \\\n    -e GF_DATABASE_USER=grafana \\\n"),
        app);
    assertTrue(
        app.contains(
            "-e REDIS_HOST="
                + gateway
                + " \\\n    -e REDIS_PORT=15001 \\\n"
                + "    -e CACHE_URL=redis://"
                + gateway
                + ":15001 \\\n"),
        app);
    assertTrue(
        app.contains(
            "secrets-env --region eu-west-1 --out /run/cluster/secrets/grafana-%i.env"
                + " --url DATA_SOURCE_NAME=postgres://grafana:{GF_DATABASE_PASSWORD}@"
                + gateway
                + ":15000/grafana?sslmode=disable"
                + " GF_DATABASE_PASSWORD=demo/grafana-db-password\n"),
        app);
    assertFalse(
        app.contains("DB_HOST="), "a renamed variable replaces the conventional one:\n" + app);
    assertFalse(
        app.contains("postgres\n") || app.contains("=postgres "), "never the superuser:\n" + app);
    assertFalse(
        app.contains("superuser") || app.contains("replication") || app.contains("rewind"),
        "the members' own secrets stay theirs:\n" + app);
  }

  @Test
  void theMembersGetFourSeparateSecretsAndCreateTheAppsRole() {
    Compilation compilation = compiled();
    String db =
        Compile.generated(compilation, "cluster/demo/units/grafana-db@.service").orElseThrow();
    assertTrue(
        db.contains(
            " POSTGRES_APP_PASSWORD=demo/grafana-db-password"
                + " PATRONI_SUPERUSER_PASSWORD=demo/grafana-db-superuser-password"
                + " PATRONI_REPLICATION_PASSWORD=demo/grafana-db-replication-password"
                + " PATRONI_REWIND_PASSWORD=demo/grafana-db-rewind-password\n"),
        db);
    String patroni =
        Compile.generated(compilation, "cluster/demo/config/patroni/grafana-db.yml").orElseThrow();
    assertTrue(
        patroni.contains("  post_bootstrap: patroni-post-bootstrap grafana grafana\n"), patroni);
    assertFalse(patroni.contains("password:"), "no secret in a generated file:\n" + patroni);
    String descriptor =
        Compile.generated(compilation, "cluster/demo/descriptor.json").orElseThrow();
    for (String secret :
        new String[] {
          "grafana-db-password",
          "grafana-db-superuser-password",
          "grafana-db-replication-password",
          "grafana-db-rewind-password"
        }) {
      assertTrue(descriptor.contains("\"demo/" + secret + "\""), secret + " in\n" + descriptor);
    }
  }
}
