package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A master with a test master.cfg passes checkconfig and starts; a worker container attaches to it, and
 * a change sent to the master makes the worker run a build that succeeds.
 */
class BuildbotImageTest {
  private static final String MASTER_CFG = Podman.CONTAINERS.resolve("src/test/resources/buildbot/master.cfg")
      .toString();

  @Test
  void aChangeRunsABuildOnTheWorker() {
    String masterImage = Podman.image("buildbot-master");
    String workerImage = Podman.image("buildbot-worker");
    int port = Wait.freePort();
    try (var master = Podman.run(masterImage, List.of("-v", MASTER_CFG + ":/etc/buildbot/master.cfg:ro,Z",
            "-e", "BUILDBOT_WORKER_PORT=" + port));
        var worker = Podman.run(workerImage, List.of("-e", "BUILDBOT_MASTER=127.0.0.1:" + port,
            "-e", "WORKER_NAME=linux-1", "-e", "WORKER_PASSWORD=worker-secret"))) {
      master.awaitHealthy(Duration.ofSeconds(90));
      assertEquals("Config file is good!\n",
          master.exec("buildbot", "checkconfig", "/var/lib/buildbot/master").orFail().out());
      worker.awaitHealthy(Duration.ofSeconds(60));

      master.exec("buildbot", "sendchange", "--master", "127.0.0.1:" + port, "--auth", "change:change-secret",
          "--who", "images-test", "--branch", "main", "README").orFail();
      Wait.until(Duration.ofSeconds(60), "the build finished", () -> !buildResults(master).equals("[]\n"),
          master::logs);
      assertEquals("[(0,)]\n", buildResults(master), "one build, SUCCESS");
      assertEquals("hello from the build\n",
          worker.exec("cat", "/var/lib/buildbot/worker/hello/build/result.txt").orFail().out());
      assertFalse(master.exec("id", "-u").orFail().out().startsWith("0\n"), "the master does not run as root");
    }
  }

  /** The results of the finished builds in the master's database (0 = SUCCESS). */
  private static String buildResults(Podman.Container master) {
    return master.exec("python3", "-c", "import sqlite3; print(sqlite3.connect('state.sqlite')"
        + ".execute('select results from builds where complete_at is not null').fetchall())").orFail().out();
  }
}
