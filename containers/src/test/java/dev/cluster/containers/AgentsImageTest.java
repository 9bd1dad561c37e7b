package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The agents image runs the runtime module's Agents main on its JRE, and carries the programs the
 * agents drive; its elect runs a singleton's container through the host's docker socket, as the
 * generated units have it do.
 */
class AgentsImageTest {
  @Test
  void helpNamesEveryAgent() {
    Command.Result help = Podman.runOnce(Podman.image("agents"), List.of(), "--help");
    assertEquals(0, help.exit(), help.describe());
    String text = help.out() + help.err();
    for (String agent :
        List.of(
            "presence",
            "ambassador",
            "elect",
            "volume",
            "secrets-env",
            "config-get",
            "dns-updater",
            "accounts-sync")) {
      assertTrue(text.contains(agent), "--help names " + agent + ":\n" + text);
    }
  }

  @Test
  void carriesTheProgramsTheAgentsDriveAndRunsAsNonRoot() {
    String image = Podman.image("agents");
    List<String> shell = List.of("--entrypoint", "sh");
    assertTrue(
        Podman.runOnce(image, shell, "-c", "haproxy -v")
            .orFail()
            .out()
            .contains("HAProxy version"));
    assertTrue(
        Podman.runOnce(image, shell, "-c", "syncthing --version")
            .orFail()
            .out()
            .startsWith("syncthing v"));
    assertTrue(
        Podman.runOnce(image, shell, "-c", "docker --version")
            .orFail()
            .out()
            .startsWith("Docker version"));
    // accounts-sync changes a machine's accounts (as root, on the host's root) with the shadow
    // tools
    Podman.runOnce(image, shell, "-c", "command -v useradd usermod userdel groupadd").orFail();
    assertEquals("agents\n", Podman.runOnce(image, shell, "-c", "id -un").orFail().out());
  }

  /**
   * elect as the units of Redis, MariaDB and SFTP run it: the image as root with the host's
   * docker.sock (here podman's docker-compatible API), wrapping {@code docker run} of the
   * singleton. The leader's container runs on the host's engine, and stopping the agent (SIGTERM,
   * as systemd does) stops that container too, though it ignores the SIGTERM its client passes on
   * ({@code sleep} as PID 1).
   */
  @Test
  void electRunsTheSingletonThroughTheHostsDockerSocketAndStopsItWhenStopped() {
    String image = Podman.image("agents");
    String base = Podman.bases().get(0);
    // removed last, whatever happened: the agent may have failed to stop it
    var singleton =
        new Podman.Container(
            "images-test-singleton-" + UUID.randomUUID().toString().substring(0, 8));
    try (singleton;
        DockerApiSocket docker = new DockerApiSocket();
        HostEtcd etcd = new HostEtcd();
        Podman.Container elect =
            Podman.run(
                image,
                docker.agentsOptions(),
                "elect",
                "--etcd",
                "http://" + etcd.hostPort(),
                "--name",
                "singleton",
                "--ttl",
                "5",
                "--docker-container",
                singleton.name(),
                "--",
                "docker",
                "run",
                "--rm",
                "--name",
                singleton.name(),
                base,
                "sleep",
                "1000")) {
      Wait.until(
          Duration.ofSeconds(90), singleton.name() + " runs", singleton::running, elect::logs);
      Command.run(Duration.ofSeconds(60), Podman.podman("stop", "-t", "20", elect.name())).orFail();
      Wait.until(
          Duration.ofSeconds(10),
          singleton.name() + " is gone",
          () -> !singleton.exists(),
          elect::logs);
    }
  }
}
