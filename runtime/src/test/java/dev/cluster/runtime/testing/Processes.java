package dev.cluster.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes one test started, all killed (with their descendants) when it closes, even after a
 * failure. Output goes to a log file so a failing test can be diagnosed.
 */
public final class Processes implements AutoCloseable {

  private final List<Process> started = new ArrayList<>();

  public synchronized Process start(List<String> command, Path log) {
    return start(command, log, Map.of());
  }

  public synchronized Process start(
      List<String> command, Path log, Map<String, String> environment) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      started.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code java -cp <this test's class path> dev.cluster.runtime.agent.Agents args...} */
  public Process startAgent(List<String> args, Path log) {
    return startAgent(args, log, Map.of());
  }

  /**
   * {@link #startAgent(List, Path)} with extra environment variables (e.g. AWS credentials for an
   * in-process endpoint).
   */
  public Process startAgent(List<String> args, Path log, Map<String, String> environment) {
    return startAgent(System.getProperty("java.class.path"), args, log, environment);
  }

  /**
   * {@link #startAgent(List, Path)} with {@code classesFirst} ahead of the test's class path:
   * another build's classes.
   */
  public Process startAgent(Path classesFirst, List<String> args, Path log) {
    return startAgent(
        classesFirst + java.io.File.pathSeparator + System.getProperty("java.class.path"),
        args,
        log,
        Map.of());
  }

  private Process startAgent(
      String classPath, List<String> args, Path log, Map<String, String> environment) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                classPath,
                "dev.cluster.runtime.agent.Agents"));
    command.addAll(args);
    return start(command, log, environment);
  }

  public static void kill9(Process process) {
    process.destroyForcibly();
    waitFor(process);
  }

  /** Sends {@code kill -SIGNAL} to the process, e.g. STOP or CONT. */
  public static void signal(Process process, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
              .inheritIO()
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, as systemd sends on a clean stop. */
  public static void terminate(Process process) {
    process.destroy();
    waitFor(process);
  }

  private static void waitFor(Process process) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("process " + process.pid() + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    for (Process process : started) {
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    started.clear();
  }
}
