package dev.cluster.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Podman's docker-compatible API ({@code podman system service}) on a temporary socket: what the
 * generated units of elected services mount as the agents container's {@code /var/run/docker.sock}.
 */
final class DockerApiSocket implements AutoCloseable {
  private final Path socket;
  private final Process service;

  DockerApiSocket() {
    try {
      socket = Files.createTempDirectory("docker-api").resolve("docker.sock");
      service =
          new ProcessBuilder(Podman.podman("system", "service", "--time=0", "unix://" + socket))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Wait.until(
          Duration.ofSeconds(20), "podman's API socket", () -> Files.exists(socket), () -> "");
    } catch (AssertionError e) {
      close();
      throw e;
    }
  }

  /**
   * The podman options of an agents container that drives this engine, as the generated units run
   * elect: as root (who may use the socket), with the socket where the image's docker client looks.
   */
  List<String> agentsOptions() {
    return List.of("--user=root", "-v", socket + ":/var/run/docker.sock");
  }

  @Override
  public void close() {
    service.destroy();
    try {
      service.waitFor();
      Files.deleteIfExists(socket);
      Files.deleteIfExists(socket.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
