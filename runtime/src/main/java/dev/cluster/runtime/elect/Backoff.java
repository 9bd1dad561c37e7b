package dev.cluster.runtime.elect;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between an agent's campaigns: from {@code first} doubling up to {@code ceiling}, each
 * pause a random 50-100 % of its step, so that agents that failed together (all JVMs starting at
 * boot on a starved machine) do not retry in step and load etcd and each other at the same
 * instants.
 */
final class Backoff {

  private final Duration ceiling;
  private Duration step;

  Backoff(Duration first, Duration ceiling) {
    this.ceiling = ceiling;
    this.step = first;
  }

  /** The next pause; each call doubles the step up to the ceiling. */
  Duration next() {
    long stepMs = step.toMillis();
    Duration pause =
        Duration.ofMillis(stepMs / 2 + ThreadLocalRandom.current().nextLong(stepMs / 2 + 1));
    Duration doubled = step.multipliedBy(2);
    step = doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
    return pause;
  }
}
