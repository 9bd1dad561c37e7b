package dev.cluster.runtime.elect;

import dev.cluster.runtime.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Freezes processes with SIGSTOP and resumes them with SIGCONT, as a GC pause, a debugger or a
 * frozen machine would.
 */
public final class Freezer {

  /**
   * A process and its descendants (an elect agent, its fence watchdog, its child and the child's
   * own).
   */
  public static List<ProcessHandle> tree(ProcessHandle process) {
    return Stream.concat(Stream.of(process), process.descendants()).toList();
  }

  public static void freeze(List<ProcessHandle> processes) {
    signal("STOP", processes);
  }

  public static void resume(List<ProcessHandle> processes) {
    signal("CONT", processes);
  }

  /**
   * One {@code kill} for all of them, so they stop (or resume) as nearly together as a machine
   * would; a descendant that exited meanwhile (a child's {@code sleep}) is no failure, but the
   * first process must have been signalled.
   */
  private static void signal(String signal, List<ProcessHandle> processes) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(p -> command.add(String.valueOf(p.pid())));
    try {
      Process kill =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("kill -" + signal + " did not return");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    // a stop takes effect once each of the process's threads has been scheduled: on a loaded
    // machine, later
    boolean stopping = signal.equals("STOP");
    ProcessHandle first = processes.get(0);
    if (Eventually.within(Duration.ofSeconds(60), () -> (state(first) == 'T') == stopping)
        == null) {
      throw new IllegalStateException(
          "process "
              + first.pid()
              + " is in state "
              + state(first)
              + " 60 s after kill -"
              + signal);
    }
  }

  private static char state(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Freezer() {}
}
