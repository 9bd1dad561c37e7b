package dev.cluster.runtime.elect;

import java.time.Duration;

/**
 * When a leader must have stopped its child: the lease cannot expire for others before {@code ttl}
 * after the last confirmed renewal was sent, so the agent stops the child once {@code ttl -
 * safetyMargin} has passed without one, and its {@link FenceWatchdog} SIGKILLs it {@code stopGrace}
 * later if the agent did not (not scheduled, dead). The margin covers the child's stop grace
 * period, the check period and clock-rate differences between machines.
 *
 * <p>A new leader whose predecessor did not record stopping its child waits {@code takeoverDelay}
 * before starting its own: the only protection when the predecessor's whole machine (watchdog
 * included) was frozen, for pauses of up to {@code ttl + takeoverDelay}.
 */
public record Fencing(
    Duration ttl, Duration safetyMargin, Duration stopGrace, Duration takeoverDelay) {

  public static final Duration CHECK_PERIOD = Duration.ofMillis(50);

  public Fencing {
    if (ttl.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("lease TTL must be at least 2 s, got " + ttl);
    }
    if (safetyMargin.compareTo(stopGrace.plus(CHECK_PERIOD)) <= 0
        || safetyMargin.compareTo(ttl) >= 0) {
      throw new IllegalArgumentException(
          "safety margin "
              + safetyMargin
              + " must exceed the stop grace "
              + stopGrace
              + " plus "
              + CHECK_PERIOD
              + " and be below the TTL "
              + ttl);
    }
    if (takeoverDelay.isNegative()) {
      throw new IllegalArgumentException(
          "takeover delay must not be negative, got " + takeoverDelay);
    }
  }

  /**
   * Margin 30 % of the TTL (at least 1 s), half of it for the child to stop after SIGTERM; takeover
   * delay TTL + margin.
   */
  public static Fencing forTtl(Duration ttl) {
    return withMargin(ttl, Duration.ofMillis(Math.max(1000, ttl.toMillis() * 3 / 10)));
  }

  /**
   * The given margin, half of it for the child to stop after SIGTERM; takeover delay TTL + margin.
   */
  public static Fencing withMargin(Duration ttl, Duration margin) {
    return new Fencing(ttl, margin, margin.dividedBy(2), ttl.plus(margin));
  }

  public Fencing withTakeoverDelay(Duration delay) {
    return new Fencing(ttl, safetyMargin, stopGrace, delay);
  }

  /** The longest time without a confirmed renewal during which the child may keep running. */
  public Duration renewalDeadline() {
    return ttl.minus(safetyMargin);
  }

  /**
   * When the watchdog kills the child, after the last confirmed renewal was sent: once the agent's
   * stop is overdue.
   */
  public Duration watchdogDeadline() {
    return renewalDeadline().plus(stopGrace);
  }

  public boolean mustStop(Duration sinceConfirmedRenewal) {
    return sinceConfirmedRenewal.compareTo(renewalDeadline()) > 0;
  }

  /**
   * Whether a new leader's lease is fresh enough to start its child: at least half the renewal
   * deadline left, so that a start on a loaded machine is not followed by a stop a moment later.
   */
  public boolean freshEnoughToStart(Duration sinceConfirmedRenewal) {
    return sinceConfirmedRenewal.compareTo(renewalDeadline().dividedBy(2)) <= 0;
  }
}
