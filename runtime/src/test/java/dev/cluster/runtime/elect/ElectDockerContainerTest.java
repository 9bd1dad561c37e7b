package dev.cluster.runtime.elect;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Podman;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * elect wrapping {@code docker run}, as the generated units of Redis, MariaDB and SFTP do, with
 * podman standing in for docker (its command line is docker's): the container is the daemon's, not
 * a descendant of the agent, so when leadership is lost stopping the docker client is not enough.
 * The wrapped container runs {@code sleep} as PID 1, which ignores the SIGTERM the client passes
 * on: only {@code --docker-container}'s kill stops it.
 */
class ElectDockerContainerTest {

  private static final int TTL = 10;
  private static final Duration PODMAN = Duration.ofMinutes(2);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  @Test
  void losingLeadershipKillsTheContainerNotOnlyItsDockerClient() throws Exception {
    Path podman = Binaries.require("podman", "podman");
    String image = Podman.baseImage("bookworm");
    Path bin = Files.createDirectories(logs.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("docker"), podman);
    String container = "elect-fenced-" + ProcessHandle.current().pid();
    try (Processes processes = new Processes();
        Client etcd = ETCD.client()) {
      processes.startAgent(
          List.of(
              "elect",
              "--etcd",
              ETCD.endpoints(),
              "--name",
              "fenced",
              "--ttl",
              String.valueOf(TTL),
              "--docker-container",
              container,
              "--",
              "docker",
              "run",
              "--rm",
              "--name",
              container,
              "--net=host",
              image,
              "sleep",
              "1000"),
          logs.resolve("elect.log"),
          Map.of("PATH", bin + ":" + System.getenv("PATH")));
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(60),
              () ->
                  Podman.run(PODMAN, "container", "inspect", "-f", "{{.State.Running}}", container)
                      .out()
                      .equals("true\n")),
          "the leader's container never ran; logs in " + logs);

      etcd.getKVClient()
          .delete(
              bytes(EtcdKeys.election("fenced") + "/"),
              DeleteOption.builder().isPrefix(true).build())
          .get(30, TimeUnit.SECONDS);

      Duration gone =
          Eventually.within(
              Duration.ofSeconds(60),
              () -> Podman.run(PODMAN, "container", "exists", container).exitCode() == 1);
      assertNotNull(gone, "the container outlived the leadership; logs in " + logs);
      System.out.printf(
          "elect: the wrapped container was gone %d ms after the leader key was deleted%n",
          gone.toMillis());
    } finally {
      Podman.run(PODMAN, "rm", "-f", "-t", "0", container);
    }
  }
}
