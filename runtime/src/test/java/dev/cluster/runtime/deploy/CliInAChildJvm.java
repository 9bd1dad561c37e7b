package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The deploy client of a test cluster as its own process, for tests that send it signals (Ctrl-C is
 * SIGINT to the JVM, which runs its shutdown hooks and exits 130). The cluster is named by a key of
 * {@link #CLUSTERS}.
 */
public final class CliInAChildJvm {
  static final Map<String, Supplier<ClusterDescriptor>> CLUSTERS =
      Map.of(
          "team", TestClusters::team,
          "pgtest", () -> TestClusters.teamWithDatabase("pgtest"),
          "gerrit-v2", () -> TestClusters.gerrit("deploy/units/gerrit@.service.v2"));

  private CliInAChildJvm() {}

  /**
   * The running client. Its errors go to a file, not a pipe: a pipe nobody reads until the client
   * ends fills up with its progress lines on a slow machine and blocks the client for good.
   */
  public record Child(Process process, Path errorFile) {
    public long pid() {
      return process.pid();
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
      return process.waitFor(timeout, unit);
    }

    public int exitValue() {
      return process.exitValue();
    }

    /** What it wrote to its standard error so far. */
    public String errors() {
      try {
        return Files.readString(errorFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Kills it if it still runs, and removes its error file. */
    public void destroy() throws InterruptedException {
      process.destroyForcibly().waitFor();
      try {
        Files.deleteIfExists(errorFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Starts the client of {@code cluster} with {@code args}; its standard output discarded, its
   * errors to read. Refuses when this process ignores SIGINT (as a shell without job control leaves
   * a command it runs in the background): the child would inherit that, and Ctrl-C could never
   * reach it.
   */
  public static Child start(String cluster, String... args) {
    if (ignoresSigint()) {
      throw new AssertionError(
          "SIGINT is ignored by this test's process (started in the background by a shell"
              + " without job control?), so no Ctrl-C can reach the client it starts: run the tests in the"
              + " foreground, or with `set -m` in the script that starts them in the background");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CliInAChildJvm.class.getName(),
                cluster));
    command.addAll(List.of(args));
    try {
      Path errors = Files.createTempFile("cli-child-", ".err");
      return new Child(
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(errors.toFile())
              .start(),
          errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether SIGINT (signal 2) is in this process's ignored set, as Linux reports it in
   * /proc/self/status.
   */
  private static boolean ignoresSigint() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("SigIgn:"))
          .map(line -> Long.parseLong(line.substring("SigIgn:".length()).strip(), 16))
          .anyMatch(mask -> (mask & (1L << (2 - 1))) != 0);
    } catch (IOException e) {
      return false;
    }
  }

  public static void main(String[] args) {
    ClusterDescriptor cluster = CLUSTERS.get(args[0]).get();
    System.exit(
        DeployCli.run(cluster, List.of(args).subList(1, args.length).toArray(String[]::new)));
  }
}
