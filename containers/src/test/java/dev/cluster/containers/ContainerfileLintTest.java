package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cluster.containers.ContainerfileRules.Exceptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Containerfile under containers/ passes dockerfile-utils and the project's own rules. */
class ContainerfileLintTest {
  /** Images whose service needs root, and why. */
  private static final Map<String, String> RUNS_AS_ROOT =
      Map.of(
          "front-door",
              "nginx's master binds 80/443 on the host's network; its workers run as www-data",
          "sftp", "sshd needs root to chroot each user and switch to them",
          "local-machine", "a whole machine of `local up`: systemd as PID 1 and docker's daemon",
          "local-etcd",
              "stands in for quay.io/coreos/etcd, which runs as root on the machine's /var/lib/etcd",
          "local-aws-cli",
              "stands in for the AWS CLI image, which runs as root; docker's vfs keeps the local base's private root folder",
          "local-haproxy",
              "docker's vfs in the local machines keeps the local base's private root folder: no other user reaches the files",
          "local-registry",
              "the machines' docker reaches the registry's name (no port) over plain HTTP on port 80");

  /** Images with HEALTHCHECK NONE, and why. */
  private static final Map<String, String> NO_HEALTHCHECK =
      Map.of(
          "agents",
              "each agent proves its liveness through its own etcd lease and exits on failure",
          "local-aws-cli", "one command per container, as the upstream AWS CLI image",
          "local-haproxy",
              "the etcd proxy's health is its members' own /health checks, as with the upstream haproxy image",
          "gerrit-stand-in",
              "a test's stand-in for the upstream Gerrit base, which has none: the gerrit image built on it has its own");

  static List<Path> containerfiles() throws IOException {
    try (Stream<Path> files = Files.walk(Podman.CONTAINERS)) {
      return files
          .filter(p -> p.getFileName().toString().equals("Containerfile"))
          .filter(p -> !Podman.CONTAINERS.relativize(p).toString().contains("target/"))
          .sorted()
          .toList();
    }
  }

  @Test
  void everyImageFolderHasOne() throws IOException {
    assertFalse(containerfiles().size() < 12, "Containerfiles found: " + containerfiles());
  }

  @ParameterizedTest
  @MethodSource("containerfiles")
  void followsTheProjectsRules(Path file) throws IOException {
    String folder = file.getParent().getFileName().toString();
    var exceptions = new Exceptions(RUNS_AS_ROOT.get(folder), NO_HEALTHCHECK.get(folder));
    assertEquals(
        List.of(), ContainerfileRules.check(Files.readString(file), exceptions), file.toString());
  }

  @Test
  void dockerfileUtilsFindsNothing() throws IOException {
    Command.Result lint = dockerfileUtils(containerfiles());
    assertEquals("", lint.out() + lint.err(), lint.describe());
    assertEquals(0, lint.exit(), lint.describe());
  }

  @Test
  void dockerfileUtilsCatchesABrokenFile(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("Containerfile");
    Files.writeString(bad, "FROM debian:12\nEXPOSE abc\nHEALTHCHECK --interval=5 CMD true\n");
    Command.Result lint = dockerfileUtils(List.of(bad));
    assertEquals(1, lint.exit(), lint.describe());
  }

  /**
   * dockerfile-utils 0.16.3 from npm, installed by scripts/install-checkers.sh into its cache
   * folder.
   */
  private static Command.Result dockerfileUtils(List<Path> files) {
    Path checkers =
        Path.of(
            Command.run(
                    Duration.ofMinutes(5),
                    List.of(
                        Podman.CONTAINERS
                            .resolveSibling("scripts")
                            .resolve("install-checkers.sh")
                            .toString()))
                .orFail()
                .out()
                .strip());
    List<String> command =
        new ArrayList<>(
            List.of(
                "node",
                Podman.CONTAINERS
                    .resolve("src/test/resources/lint/dockerfile-utils-lint.js")
                    .toString()));
    files.forEach(p -> command.add(p.toString()));
    return Command.run(
        Duration.ofMinutes(2),
        command,
        Map.of("NODE_PATH", checkers.resolve("node_modules").toString()),
        null);
  }
}
