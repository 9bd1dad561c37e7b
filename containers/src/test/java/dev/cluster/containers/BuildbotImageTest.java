package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A master with team-cluster's generated master.cfg, on a real Postgres, passes checkconfig and
 * starts; a worker container (Debian's buildbot-worker) attaches to it with the name and password
 * the master read from BUILDBOT_WORKERS, and a change sent to the master makes the worker run a
 * build of the team's builders.py that succeeds, recorded in Postgres. The www port is the front
 * door's guard: it answers the REST API to a request the front door signed, refuses any other, and
 * the container stops when the guard does.
 */
class BuildbotImageTest {
  private static final String BUILDERS =
      Podman.CONTAINERS.resolve("src/test/resources/buildbot/builders.py").toString();
  private static final String DB_PASSWORD = "buildbot-db-secret";
  private static final String SUPERUSER_PASSWORD = "superuser-secret";

  @Test
  void aChangeRunsABuildOnTheWorker() {
    String masterImage = Podman.image("buildbot-master");
    String workerImage = Podman.image("buildbot-worker");
    String postgresImage = Podman.image("postgres-patroni");
    String masterCfg = TeamConfigs.file("buildbot/master.cfg").toString();
    int pgPort = Wait.freePort();
    int port = Wait.freePort();
    int wwwPort = Wait.freePort();
    int backendPort = Wait.freePort();
    try (var postgres =
        Podman.run(
            postgresImage,
            List.of("--entrypoint", "sh"),
            "-c",
            "echo "
                + SUPERUSER_PASSWORD
                + " > /tmp/password && initdb -D /tmp/pg -U postgres -A scram-sha-256"
                + " --pwfile=/tmp/password >/dev/null && exec postgres -D /tmp/pg -p "
                + pgPort
                + " -c listen_addresses=127.0.0.1 -k /tmp")) {
      postgres.awaitPort(pgPort, Duration.ofSeconds(60));
      // What Patroni's post_bootstrap does in the cluster: the app's own role "buildbot", as
      // master.cfg names it.
      postgres
          .exec(
              List.of(
                  "-e",
                  "PGPASSWORD=" + SUPERUSER_PASSWORD,
                  "-e",
                  "POSTGRES_APP_PASSWORD=" + DB_PASSWORD),
              "patroni-post-bootstrap",
              "buildbot",
              "buildbot",
              "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres")
          .orFail();
      List<String> masterOptions =
          new ArrayList<>(FrontDoorGuardInImage.options(wwwPort, backendPort));
      masterOptions.addAll(
          List.of(
              "-v",
              masterCfg + ":/etc/buildbot/master.cfg:ro,Z",
              "-v",
              BUILDERS + ":/var/lib/buildbot/builders.py:ro,Z",
              "-e",
              "DB_PASSWORD=" + DB_PASSWORD,
              "-e",
              "DB_HOST=127.0.0.1",
              "-e",
              "DB_PORT=" + pgPort,
              "-e",
              "BUILDBOT_WORKERS=linux-1:worker-secret",
              "-e",
              "BUILDBOT_WORKER_PORT=" + port));
      try (var master = Podman.run(masterImage, masterOptions);
          var worker =
              Podman.run(
                  workerImage,
                  List.of(
                      "-e",
                      "BUILDBOT_MASTER=127.0.0.1:" + port,
                      "-e",
                      "WORKER_NAME=linux-1",
                      "-e",
                      "WORKER_PASSWORD=worker-secret"))) {
        master.awaitHealthy(Duration.ofSeconds(90));
        assertEquals(
            "Config file is good!\n",
            master.exec("buildbot", "checkconfig", "/var/lib/buildbot/master").orFail().out());
        worker.awaitHealthy(Duration.ofSeconds(60));

        master
            .exec(
                "buildbot",
                "sendchange",
                "--master",
                "127.0.0.1:" + port,
                "--auth",
                "change:change-secret",
                "--who",
                "images-test",
                "--branch",
                "main",
                "README")
            .orFail();
        Wait.until(
            Duration.ofSeconds(60),
            "the build finished",
            () -> !buildResults(postgres, pgPort).isEmpty(),
            master::logs);
        assertEquals(
            "0",
            buildResults(postgres, pgPort),
            "one build, SUCCESS, in the generated db_url's database");
        assertEquals(
            "hello from the build\n",
            worker.exec("cat", "/var/lib/buildbot/worker/hello/build/result.txt").orFail().out());
        Http.Response builders =
            Http.get(
                wwwPort,
                "127.0.0.1:" + wwwPort,
                "/api/v2/builders",
                FrontDoorGuardInImage.signedIn("alice"));
        assertEquals(200, builders.status(), builders.headers());
        assertTrue(builders.body().contains("\"hello\""), builders.body());
        FrontDoorGuardInImage.refusesTheUnproven(wwwPort, "/api/v2/builders");
        assertFalse(
            master.exec("id", "-u").orFail().out().startsWith("0\n"),
            "the master does not run as root");

        // Without its guard the master must not go on serving: the container stops, for the engine
        // to restart it. No orFail: the exec may die with the container it stops.
        master.exec(
            "sh",
            "-c",
            "for p in /proc/[0-9]*; do case \"$(tr '\\0' ' ' < $p/cmdline)\" in"
                + " 'java '*front-door-guard.jar*) kill -9 ${p#/proc/};; esac; done 2>/dev/null");
        Wait.until(
            Duration.ofSeconds(30),
            "the master's container stops with its guard",
            () -> !master.running(),
            master::logs);
      }
    }
  }

  /** The results of the finished builds (0 = SUCCESS), one a line. */
  private static String buildResults(Podman.Container postgres, int port) {
    return psql(
            postgres, port, "buildbot", "select results from builds where complete_at is not null")
        .strip();
  }

  private static String psql(Podman.Container postgres, int port, String database, String sql) {
    return postgres
        .exec(
            List.of("-e", "PGPASSWORD=" + SUPERUSER_PASSWORD),
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-tA",
            "-c",
            sql)
        .orFail()
        .out();
  }
}
