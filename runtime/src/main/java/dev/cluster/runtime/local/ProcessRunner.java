package dev.cluster.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program to its end with a liveness bound, its standard input closed, its standard output
 * and error kept apart (podman warns on standard error even when a command works): the way `local`
 * drives podman, Ignition and systemctl, and the processor's tests drive Ignition.
 */
public final class ProcessRunner {
  private ProcessRunner() {}

  /** What a program printed on standard output and error, and how it ended. */
  public record Result(int exitCode, String output, String errors) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** Both streams, for a message. */
    public String all() {
      return output + errors;
    }
  }

  public static Result run(List<String> command, Map<String, String> environment, Duration bound) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      CompletableFuture<String> errors =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new NotFinished(
            String.join(" ", command) + " did not finish within " + bound.toSeconds() + " s");
      }
      return new Result(process.exitValue(), output.join(), errors.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  /** A program that did not end within its bound; it and its children were killed. */
  public static final class NotFinished extends IllegalStateException {
    NotFinished(String message) {
      super(message);
    }
  }

  public static Result run(List<String> command, Duration bound) {
    return run(command, Map.of(), bound);
  }

  private static String readAll(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
