package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.ambassador.AmbassadorConfig;
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An off-the-shelf app that reads its database under its own variable name (Debian's Prometheus
 * Postgres exporter: one URL in {@code DATA_SOURCE_NAME}) runs against a real Patroni member with
 * nothing but what the processor generated for {@code @Postgres(env = @DbEnv(url =
 * "DATA_SOURCE_NAME"))}: the member's Patroni file and unit secrets, the app's unit variables, and
 * both env files written by the real secrets-env agent from a Secrets Manager endpoint holding four
 * separate generated passwords. It connects as its own role, which owns its database and can do
 * nothing only a superuser can.
 *
 * <p>The app reaches its database the way a machine gives it: on its pod's own network, made as the
 * generated {@code exporter-net@} unit makes it, through its ambassador (the runtime's agent and
 * HAProxy, with the generated JSON) listening on that network's gateway and following the Patroni
 * leader key in etcd. Another container of the machine, on podman's default network, is refused by
 * the ambassador.
 */
class DerivedDatabaseEnvTest {
  private static final String CLUSTER = "dbe";
  private static final Map<String, String> SOURCES =
      GeneratedCluster.withMainAndWorkers(
          "Dbe",
          CLUSTER,
          Map.of(
              "Exporter",
              """
          @Service(name = "exporter", image = "example/postgres-exporter:0.17", runsOn = Workers.class,
              ports = @Port(9187))
          @Postgres(synchronous = false, env = @DbEnv(url = "DATA_SOURCE_NAME"))
          public class Exporter {}
          """));
  private static final Map<String, String> AWS =
      Map.of(
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "AWS_EC2_METADATA_DISABLED", "true");
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void anExporterReadingItsOwnVariableLogsInAsItsOwnRoleThatCannotActAsSuperuser()
      throws Exception {
    GeneratedCluster cluster = GeneratedCluster.compile(dir.resolve("cluster"), "dbe", SOURCES);
    String appUnit = cluster.file(CLUSTER, "units/exporter@.service");
    String dbUnit = cluster.file(CLUSTER, "units/exporter-db@.service");
    Path patroniYml = dir.resolve("exporter-db.yml");
    Files.writeString(patroniYml, cluster.file(CLUSTER, "config/patroni/exporter-db.yml"));
    List<String> appEnv = GeneratedCluster.dockerEnv(appUnit);
    Matcher podNetwork =
        Pattern.compile("--subnet (\\S+) --gateway (\\S+) (pod-exporter)'")
            .matcher(cluster.file(CLUSTER, "units/exporter-net@.service"));
    assertTrue(podNetwork.find(), "the pod network's unit");
    assertEquals(podNetwork.group(2), value(appEnv, "DB_HOST"), appUnit);
    assertTrue(appUnit.contains("--net=pod-exporter"), appUnit);
    Path ambassadorJson = dir.resolve("exporter-db.json");
    Files.writeString(
        ambassadorJson, cluster.file(CLUSTER, "config/ambassadors/exporter/exporter-db.json"));
    int patroniRest = AmbassadorConfig.read(ambassadorJson).healthCheck().port().orElseThrow();

    String postgresImage = Podman.image("postgres-patroni");
    String exporterImage = Podman.testImage("postgres-exporter");
    // the generated name, with this run's prefix: the subnet is the generated one
    String network = Podman.namePrefix() + podNetwork.group(3);
    Map<String, String> passwords = new LinkedHashMap<>();
    try (var secretsManager = new InProcessSecretsManagerEndpoint();
        var processes = new Processes();
        var etcd = new HostEtcd()) {
      // each secret the units read, generated as `secrets set --generate` would; the app's with
      // characters a URL must escape, to see secrets-env encode it
      for (String unit : List.of(dbUnit, appUnit)) {
        for (String argument : GeneratedCluster.secretsEnvArguments(unit)) {
          String secretId = argument.substring(argument.indexOf('=') + 1);
          if (!argument.startsWith("--")
              && argument.matches("[A-Z_]+=dbe/.*")
              && !passwords.containsKey(secretId)) {
            String value =
                Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes())
                    + (secretId.equals("dbe/exporter-db-password") ? "@:/%?#" : "");
            passwords.put(secretId, value);
            secretsManager.putSecret(secretId, value);
          }
        }
      }
      assertEquals(
          List.of(
              "dbe/exporter-db-password",
              "dbe/exporter-db-superuser-password",
              "dbe/exporter-db-replication-password",
              "dbe/exporter-db-rewind-password"),
          List.copyOf(passwords.keySet()),
          "four separate secrets, the app's first");
      Path dbEnv = secretsEnv(processes, secretsManager, dbUnit, "db.env");
      Path exporterEnv = secretsEnv(processes, secretsManager, appUnit, "exporter.env");
      assertFalse(
          Files.readString(exporterEnv).contains("superuser"),
          "the app gets only its own password");

      Command.run(
              Duration.ofMinutes(1),
              Podman.podman(
                  "network",
                  "create",
                  "--subnet",
                  podNetwork.group(1),
                  "--gateway",
                  podNetwork.group(2),
                  network))
          .orFail();
      int postgresPort = Wait.freePort();
      int metricsPort = Wait.freePort();
      List<String> exporterOptions =
          new ArrayList<>(
              List.of(
                  "--env-file",
                  exporterEnv.toString(),
                  "-p",
                  "127.0.0.1:" + metricsPort + ":9187"));
      appEnv.forEach(variable -> exporterOptions.addAll(List.of("-e", variable)));
      // The app first, as it may start on a machine: it retries until its database answers. Its
      // container also brings up the bridge, whose gateway address the ambassador listens on.
      try (var exporter = Podman.runOn(network, exporterImage, exporterOptions);
          var ambassador =
              new Closing(
                  processes.startAgent(
                      List.of(
                          "ambassador",
                          "--etcd",
                          "http://" + etcd.hostPort(),
                          "--config",
                          ambassadorJson.toString(),
                          "--run-dir",
                          dir.resolve("ambassador").toString()),
                      dir.resolve("ambassador.log")));
          var member =
              Podman.run(
                  postgresImage,
                  List.of(
                      "-v", patroniYml + ":/etc/patroni/cluster.yml:ro,Z",
                      "--env-file", dbEnv.toString(),
                      "-e", "PATRONI_CONFIG_FILE=/etc/patroni/cluster.yml",
                      "-e", "PATRONI_NAME=exporter-db-1",
                      "-e", "PATRONI_ETCD3_HOSTS=" + etcd.hostPort(),
                      // the REST port the ambassador's health check asks /primary on, as the
                      // generated unit has it
                      "-e", "PATRONI_RESTAPI_LISTEN=127.0.0.1:" + patroniRest,
                      "-e", "PATRONI_RESTAPI_CONNECT_ADDRESS=127.0.0.1:" + patroniRest,
                      // the machine's address is the loopback here: the ambassador reaches the
                      // leader at its conn_url
                      "-e", "PATRONI_POSTGRESQL_LISTEN=127.0.0.1:" + postgresPort,
                      "-e", "PATRONI_POSTGRESQL_CONNECT_ADDRESS=127.0.0.1:" + postgresPort))) {
        Wait.until(
            Duration.ofSeconds(120),
            "the member bootstraps the cluster with the app's role",
            () ->
                superuser(
                        member,
                        postgresPort,
                        "SELECT rolname FROM pg_roles WHERE rolname = 'exporter'")
                    .equals("exporter\n"),
            member::logs);
        assertEquals(
            "f|f|f|f|f|t\n",
            superuser(
                member,
                postgresPort,
                "SELECT rolsuper, rolcreaterole,"
                    + " rolcreatedb, rolreplication, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = 'exporter'"),
            member.logs());
        assertEquals(
            "exporter\n",
            superuser(
                member,
                postgresPort,
                "SELECT pg_get_userbyid(datdba) FROM pg_database" + " WHERE datname = 'exporter'"),
            "the app's role owns its database");

        Wait.until(
            Duration.ofSeconds(60),
            "the exporter's /metrics says pg_up 1",
            () -> metrics(metricsPort).lines().anyMatch(l -> l.equals("pg_up 1")),
            () -> exporter.logs() + member.logs() + "\n--- metrics\n" + metrics(metricsPort));
        Wait.until(
            Duration.ofSeconds(60),
            "the exporter's connection shows in pg_stat_activity",
            () ->
                !metrics(metricsPort).isEmpty()
                    && !clientsThroughTheAmbassador(member, postgresPort).isEmpty(),
            exporter::logs);
        assertEquals(
            List.of("exporter"),
            clientsThroughTheAmbassador(member, postgresPort).lines().distinct().toList(),
            "the app's connections, through its ambassador, are its own role's");

        // the app's own credentials, exactly as the app got them (its env file and unit variables)
        List<String> asApp =
            new ArrayList<>(List.of("--entrypoint", "sh", "--env-file", exporterEnv.toString()));
        appEnv.forEach(variable -> asApp.addAll(List.of("-e", variable)));
        Command.Result owns =
            Podman.runOnceOn(
                network,
                postgresImage,
                asApp,
                "-c",
                "psql \"$DATA_SOURCE_NAME\" -v ON_ERROR_STOP=1 -tA -c 'CREATE TABLE mine (x int)' -c 'SELECT current_user'");
        assertEquals(
            "CREATE TABLE\nexporter\n", owns.orFail().out(), "its own database is its to use");
        for (Map.Entry<String, String> forbidden :
            Map.of(
                    "CREATE ROLE intruder", "permission denied to create role",
                    "ALTER SYSTEM SET work_mem = '1MB'", "permission denied to set parameter",
                    "SELECT rolpassword FROM pg_authid", "permission denied for table pg_authid",
                    "CREATE DATABASE another", "permission denied to create database",
                    "ALTER ROLE exporter SUPERUSER", "permission denied to alter role")
                .entrySet()) {
          Command.Result denied =
              Podman.runOnceOn(
                  network,
                  postgresImage,
                  asApp,
                  "-c",
                  "psql \"$DATA_SOURCE_NAME\" -v ON_ERROR_STOP=1 -tAc \""
                      + forbidden.getKey()
                      + "\"");
          assertFalse(denied.ok(), forbidden.getKey() + " must fail: " + denied.describe());
          assertTrue(
              denied.err().contains(forbidden.getValue()),
              forbidden.getKey() + ": " + denied.describe());
        }
        Command.Result asSuperuser =
            Podman.runOnceOn(
                network,
                postgresImage,
                asApp,
                "-c",
                "PGPASSWORD=\"$DB_PASSWORD\" psql -h \"$DB_HOST\" -p \"$DB_PORT\" -U postgres -d postgres -tAc 'SELECT 1'");
        assertFalse(
            asSuperuser.ok(),
            "the app's password is not the superuser's: " + asSuperuser.describe());
        assertTrue(
            asSuperuser.err().contains("password authentication failed for user \"postgres\""),
            asSuperuser.describe());

        // another container of the machine reaches the gateway's address, and the ambassador
        // refuses it
        Command.Result outsider =
            Podman.runOnceOn(
                "podman", postgresImage, asApp, "-c", "psql \"$DATA_SOURCE_NAME\" -tAc 'SELECT 1'");
        assertFalse(
            outsider.ok(),
            "a container outside the pod network must not reach the database: "
                + outsider.describe());
        // HAProxy's reject resets the connection at once
        assertTrue(
            outsider.err().contains("Connection reset by peer")
                || outsider.err().contains("server closed the connection unexpectedly"),
            outsider.describe());
      } finally {
        Command.run(Duration.ofMinutes(1), Podman.podman("network", "rm", "-f", network));
      }
    }
  }

  /**
   * The env file the unit's secrets-env would write, by the real agent (a separate JVM) with the
   * unit's arguments.
   */
  private Path secretsEnv(
      Processes processes, InProcessSecretsManagerEndpoint secretsManager, String unit, String file)
      throws Exception {
    Path out = dir.resolve(file);
    List<String> args =
        new ArrayList<>(
            List.of(
                "secrets-env",
                "--region",
                "eu-west-1",
                "--out",
                out.toString(),
                "--endpoint-url",
                secretsManager.url().toString()));
    args.addAll(GeneratedCluster.secretsEnvArguments(unit));
    Path log = dir.resolve(file + ".log");
    Process agent = processes.startAgent(args, log, AWS);
    assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "secrets-env did not exit");
    assertEquals(0, agent.exitValue(), Files.readString(log));
    // podman reads the file as root; the agent wrote it for its owner only, as on a machine
    return out;
  }

  private static String value(List<String> env, String name) {
    return env.stream()
        .filter(v -> v.startsWith(name + "="))
        .map(v -> v.substring(name.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + env));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /**
   * As the superuser on the member's socket (local trust, as Patroni's pg_hba has it), one row per
   * line.
   */
  private static String superuser(Podman.Container member, int port, String sql) {
    Command.Result result =
        member.exec(
            "psql",
            "-h",
            "/var/run/postgresql",
            "-p",
            String.valueOf(port),
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-tAc",
            sql);
    return result.ok() ? result.out() : "";
  }

  /**
   * The roles of the connections that came through the ambassador, whose HAProxy connects from
   * 127.0.0.1.
   */
  private static String clientsThroughTheAmbassador(Podman.Container member, int port) {
    return superuser(
        member,
        port,
        "SELECT usename FROM pg_stat_activity WHERE client_addr = '127.0.0.1'"
            + " AND usename <> 'postgres'");
  }

  /** A process of the test that is destroyed when closed. */
  private record Closing(Process process) implements AutoCloseable {
    @Override
    public void close() {
      process.destroy();
    }
  }

  private static String metrics(int port) {
    try {
      return Http.get(port, "127.0.0.1", "/metrics").body();
    } catch (RuntimeException e) {
      return "";
    }
  }
}
