package dev.cluster.runtime.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Restarts processes that exit, as systemd's {@code Restart=always} with a {@code RestartSec} does
 * for the agents' units: an agent that lost etcd exits, and comes back when started again. Close it
 * before the {@link Processes} that started them, or it restarts what they kill.
 */
public final class Restarting implements AutoCloseable {

  private final Duration delay;
  private final List<Thread> watchers = new ArrayList<>();
  private volatile boolean closed;

  public Restarting(Duration delay) {
    this.delay = delay;
  }

  /** Starts the process now, and again {@code delay} after each exit. */
  public synchronized void keep(String name, Supplier<Process> start) {
    Thread watcher =
        new Thread(
            () -> {
              while (!closed) {
                Process process = start.get();
                try {
                  process.waitFor();
                  Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "restarting-" + name);
    watcher.setDaemon(true);
    watchers.add(watcher);
    watcher.start();
  }

  @Override
  public synchronized void close() throws InterruptedException {
    closed = true;
    for (Thread watcher : watchers) {
      watcher.interrupt();
      watcher.join();
    }
  }
}
