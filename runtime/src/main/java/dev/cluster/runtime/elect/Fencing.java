package dev.cluster.runtime.elect;

import java.time.Duration;

/**
 * When a leader must have stopped its child: the lease cannot expire for others before {@code ttl} after the last
 * confirmed renewal was sent, so the child is stopped once {@code ttl - safetyMargin} has passed without one. The
 * margin covers the child's stop grace period, the check period and clock-rate differences between machines.
 */
public record Fencing(Duration ttl, Duration safetyMargin, Duration stopGrace) {

    public static final Duration CHECK_PERIOD = Duration.ofMillis(50);

    public Fencing {
        if (ttl.compareTo(Duration.ofSeconds(2)) < 0) {
            throw new IllegalArgumentException("lease TTL must be at least 2 s, got " + ttl);
        }
        if (safetyMargin.compareTo(stopGrace.plus(CHECK_PERIOD)) <= 0 || safetyMargin.compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("safety margin " + safetyMargin + " must exceed the stop grace "
                    + stopGrace + " plus " + CHECK_PERIOD + " and be below the TTL " + ttl);
        }
    }

    /** Margin 30 % of the TTL (at least 1 s), half of it for the child to stop after SIGTERM. */
    public static Fencing forTtl(Duration ttl) {
        Duration margin = Duration.ofMillis(Math.max(1000, ttl.toMillis() * 3 / 10));
        return new Fencing(ttl, margin, margin.dividedBy(2));
    }

    /** The longest time without a confirmed renewal during which the child may keep running. */
    public Duration renewalDeadline() {
        return ttl.minus(safetyMargin);
    }

    public boolean mustStop(Duration sinceConfirmedRenewal) {
        return sinceConfirmedRenewal.compareTo(renewalDeadline()) > 0;
    }
}
