package dev.cluster.apps.common.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program a test runs for real. Missing, the test fails naming the Debian package to install (as
 * {@code scripts/test-deps.sh} does), rather than skipping and passing without having tested
 * anything.
 */
public final class RequiredBinary {
  private RequiredBinary() {}

  public static Path find(String command, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        command
            + " is not installed: this test runs the real "
            + command
            + "; install the Debian package "
            + debianPackage
            + " (apt-get install "
            + debianPackage
            + ", or scripts/test-deps.sh)");
  }
}
