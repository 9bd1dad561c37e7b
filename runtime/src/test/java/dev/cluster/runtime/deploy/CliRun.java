package dev.cluster.runtime.deploy;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One run of {@link DeployCli} with captured output. */
public record CliRun(int exitCode, String out, String err) {
  private static final Duration QUICK_POLLS = Duration.ofMillis(5);

  public static CliRun withInput(ClusterDescriptor cluster, String stdin, String... args) {
    return run(QUICK_POLLS, cluster, stdin, false, args);
  }

  /** As a user at a terminal runs it, typing {@code stdin}. */
  public static CliRun onTerminal(ClusterDescriptor cluster, String stdin, String... args) {
    return run(QUICK_POLLS, cluster, stdin, true, args);
  }

  public static CliRun run(ClusterDescriptor cluster, String... args) {
    return withInput(cluster, "", args);
  }

  /**
   * A run that polls as the real client does, for real engines that a 5 ms poll would keep busy
   * (real fleet).
   */
  public static CliRun polling(Duration pollInterval, ClusterDescriptor cluster, String... args) {
    return run(pollInterval, cluster, "", false, args);
  }

  private static CliRun run(
      Duration pollInterval,
      ClusterDescriptor cluster,
      String stdin,
      boolean terminal,
      String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DeployContext context =
        new DeployContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            terminal,
            pollInterval);
    int exitCode = DeployCli.run(cluster, args, context);
    return new CliRun(
        exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
