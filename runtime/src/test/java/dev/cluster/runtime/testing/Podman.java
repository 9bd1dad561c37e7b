package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cluster.runtime.local.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's podman (rootful, set up by scripts/podman-setup.sh) and the checkout's scripts the
 * container tests run: each call waits for its command within a bound and returns what it printed.
 */
public final class Podman {

  /** What one command printed (standard output and error apart) and returned. */
  public record Result(int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** The checkout's root, from the module's base directory Maven sets. */
  public static Path checkout() {
    return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
  }

  /**
   * The local Debian base image scripts/podman-setup.sh makes for {@code suite} (cached: about a
   * second once it exists).
   */
  public static String baseImage(String suite) {
    Result setup =
        command(
            List.of(checkout().resolve("scripts/podman-setup.sh").toString(), suite),
            Duration.ofMinutes(10));
    if (!setup.ok()) {
      fail("scripts/podman-setup.sh " + suite + " failed: " + setup);
    }
    return setup.out().strip();
  }

  /**
   * {@code podman ARGS...}; {@link Result#exitCode()} -1 when it did not finish within {@code
   * timeout}.
   */
  public static Result run(Duration timeout, String... args) {
    List<String> command =
        new ArrayList<>(List.of(Binaries.require("podman", "podman").toString()));
    command.addAll(List.of(args));
    return command(command, timeout);
  }

  /**
   * {@code podman ARGS...}, failing the test with what podman said unless it exits 0; its standard
   * output.
   */
  public static String check(Duration timeout, String... args) {
    Result result = run(timeout, args);
    if (!result.ok()) {
      fail("podman " + String.join(" ", args) + " failed: " + result);
    }
    return result.out();
  }

  /** Runs a command to its end (killed with its children after {@code timeout}: exit -1). */
  public static Result command(List<String> command, Duration timeout) {
    try {
      ProcessRunner.Result result = ProcessRunner.run(command, timeout);
      return new Result(result.exitCode(), result.output(), result.errors());
    } catch (ProcessRunner.NotFinished e) {
      return new Result(-1, "", e.getMessage());
    }
  }

  private Podman() {}
}
