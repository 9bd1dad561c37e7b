package dev.cluster.team;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Paths of the repository and of team-cluster's generated outputs, and running the project's
 * scripts.
 */
final class ProjectFiles {
  /** Surefire runs tests in the module's folder. */
  static final Path MODULE = Path.of("").toAbsolutePath();

  static final Path REPO = MODULE.getParent();
  static final Path OUTPUTS = MODULE.resolve("target/classes/cluster/team");

  private ProjectFiles() {}

  record Run(int exitCode, String output) {}

  /** Runs a command in the repository's root, output and errors together. */
  static Run run(List<String> command, long timeoutSeconds) {
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(command))
              .directory(REPO.toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
      }
      return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
