package dev.cluster.runtime.local;

import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How {@code local up} waits on what it looks at from outside (machines forming, units becoming
 * active): it looks every {@code poll}, prints each new summary with the seconds since the start,
 * and past {@code timeout} fails with the last summary.
 */
final class ProgressPoll {
  /** One look: what to print, and whether the wait is over. */
  record Look(String summary, boolean done) {}

  private ProgressPoll() {}

  static void until(
      Console console,
      Duration timeout,
      Duration poll,
      Supplier<Look> look,
      Function<String, DeployException> late) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    String last = "";
    while (true) {
      Look now = look.get();
      if (!now.summary().equals(last)) {
        console.info("[" + (System.nanoTime() - started) / 1_000_000_000 + " s] " + now.summary());
        last = now.summary();
      }
      if (now.done()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw late.apply(now.summary());
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DeployException("interrupted while waiting for the local cluster", e);
      }
    }
  }
}
