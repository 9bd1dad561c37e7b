package dev.cluster.runtime.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An engine or command an agent runs. It is started through {@code setpriv --pdeathsig KILL} so
 * that it dies with the agent even on kill -9 (under systemd the unit's cgroup would be killed too,
 * but tests and shells have none): a leader's child must never outlive the agent that holds the
 * lease, nor HAProxy the agent that steers it. Start it from a thread that lives as long as the
 * agent (the death signal follows the starting thread).
 */
public final class TiedChild {

  private final Process process;

  private TiedChild(Process process) {
    this.process = process;
  }

  public static TiedChild start(List<String> command) throws IOException {
    return start(command, Map.of());
  }

  public static TiedChild start(List<String> command, Map<String, String> environment)
      throws IOException {
    List<String> full = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).inheritIO();
    builder.environment().putAll(environment);
    return new TiedChild(builder.start());
  }

  public Process process() {
    return process;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public int exitCode() {
    return process.exitValue();
  }

  /** SIGTERM to the child and its descendants, SIGKILL to whatever is left after {@code grace}. */
  public void stop(Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          handle.onExit().get(left, TimeUnit.NANOSECONDS);
        }
      } catch (Exception stillRunning) {
        // killed below
      }
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
