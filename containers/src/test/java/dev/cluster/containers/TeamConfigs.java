package dev.cluster.containers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * team-cluster's generated configuration files ({@code cluster/team/config/...}, on the test class
 * path through the team-cluster dependency), copied to a file a container can mount.
 */
final class TeamConfigs {
  private TeamConfigs() {}

  /**
   * The files of the folder {@code config/<relative>} of team-cluster's outputs (a jar's entries,
   * or a folder when the class path holds team-cluster's classes), by name.
   */
  static Map<String, String> folder(String relative) {
    String resource = "cluster/team/config/" + relative;
    URL url = TeamConfigs.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new AssertionError("team-cluster generated no " + resource);
    }
    try {
      URI uri = url.toURI();
      if (!uri.getScheme().equals("jar")) {
        return read(Path.of(uri));
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        return read(jar.getPath("/" + resource));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new AssertionError("not a URI: " + url, e);
    }
  }

  private static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(folder)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }

  /**
   * The file {@code config/<relative>} of team-cluster's outputs, as a world-readable temporary
   * file.
   */
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
