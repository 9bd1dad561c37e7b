package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MAIN machines' scripts ({@code /opt/bin/etcd-snapshot}, {@code /opt/bin/etcd-restore}), run
 * by bash against the tests' real etcd, with etcdctl from the host (ETCD_IMAGE unset). They live
 * with the processor, which puts them in the machines' user data; the processor's tests depend on
 * the runtime, so the runtime's tests read them from the processor's sources in the same checkout.
 */
public final class NodeScripts {

  /** What one run printed and returned. */
  public record Run(int exitCode, String output) {}

  private static final Path DIRECTORY =
      Path.of(System.getProperty("basedir", "."))
          .resolve("../processor/src/main/resources/dev/cluster/processor/nodes")
          .normalize();

  public static Run run(String script, Map<String, String> environment, String... args) {
    Path file = DIRECTORY.resolve(script + ".sh");
    if (!Files.isRegularFile(file)) {
      fail("no node script " + file + " (the runtime's tests run inside the project's checkout)");
    }
    return run(file, environment, args);
  }

  /** Another version of a node script, e.g. a benchmark's "before" taken from git. */
  public static Run run(Path file, Map<String, String> environment, String... args) {
    Binaries.require("etcdctl", "etcd-client");
    String script = file.getFileName().toString();
    List<String> command = new ArrayList<>(List.of("bash", file.toString()));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().remove("ETCD_IMAGE");
      builder.environment().putAll(environment);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(script + " did not finish within 60 s:\n" + output);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private NodeScripts() {}
}
