package dev.cluster.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to its end, with a time limit, and keeps what it printed. */
final class Command {
  private Command() {}

  record Result(List<String> command, int exit, String out, String err) {
    boolean ok() {
      return exit == 0;
    }

    /** Fails with everything the program said, for the test report. */
    Result orFail() {
      if (!ok()) {
        throw new AssertionError(describe());
      }
      return this;
    }

    String describe() {
      return String.join(" ", command)
          + " exited "
          + exit
          + "\n--- stdout\n"
          + out
          + "\n--- stderr\n"
          + err;
    }
  }

  static Result run(Duration limit, List<String> command) {
    return run(limit, command, Map.of(), null);
  }

  static Result run(Duration limit, List<String> command, Map<String, String> env, String stdin) {
    try {
      Path out = Files.createTempFile("cmd-out", ".txt");
      Path err = Files.createTempFile("cmd-err", ".txt");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        if (stdin == null) {
          builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        if (stdin != null) {
          try (var in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          }
        }
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor();
          throw new AssertionError(
              String.join(" ", command)
                  + " did not finish within "
                  + limit
                  + "\n--- stdout\n"
                  + Files.readString(out)
                  + "\n--- stderr\n"
                  + Files.readString(err));
        }
        return new Result(
            command, process.exitValue(), Files.readString(out), Files.readString(err));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + command, e);
    }
  }
}
