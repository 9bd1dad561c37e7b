package dev.cluster.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * team-cluster's generated configuration files ({@code cluster/team/config/...}, on the test class path
 * through the team-cluster dependency), copied to a file a container can mount.
 */
final class TeamConfigs {
  private TeamConfigs() {}

  /** The file {@code config/<relative>} of team-cluster's outputs, as a world-readable temporary file. */
  static Path file(String relative) {
    String resource = "cluster/team/config/" + relative;
    try (InputStream in = TeamConfigs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("team-cluster generated no " + resource);
      }
      Path file = Files.createTempFile("team-config-", "-" + Path.of(relative).getFileName());
      Files.write(file, in.readAllBytes());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
