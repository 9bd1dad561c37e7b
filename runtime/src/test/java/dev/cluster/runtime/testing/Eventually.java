package dev.cluster.runtime.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition, measuring how long it took; polling is fine in tests, never in agents. */
public final class Eventually {

  /**
   * @return the time until {@code condition} held, or empty when it did not within {@code timeout}.
   */
  public static Duration within(Duration timeout, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      boolean held;
      try {
        held = condition.getAsBoolean();
      } catch (RuntimeException notYet) {
        held = false;
      }
      if (held) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (System.nanoTime() > deadline) {
        return null;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  private Eventually() {}
}
