package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Finds the real engines the tests run; a missing one fails the test with the Debian package that
 * provides it.
 */
public final class Binaries {

  public static Path require(String name, String debianPackage) {
    return Stream.of(
            System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"),
            new String[] {"/usr/sbin", "/sbin"})
        .flatMap(Stream::of)
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseGet(
            () ->
                fail(
                    name
                        + " is not installed: apt-get install -y "
                        + debianPackage
                        + " (scripts/test-deps.sh installs every package the tests need)"));
  }

  private Binaries() {}
}
