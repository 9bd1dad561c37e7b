package dev.cluster.apps.authgateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-ins in flight by state; each is taken once, and only within ten minutes of starting. Anyone
 * may start one ({@code GET /login} needs no account), so they are bounded: at most {@code
 * capacity}, the oldest dropped first when full. Every sign-in lives equally long, so insertion
 * order is expiry order: the expired ones are always at the head, and each call removes only those,
 * in constant time per removal.
 */
public final class PendingSignIns {
  static final Duration LIFETIME = Duration.ofMinutes(10);

  /**
   * Far more browsers than a team signs in within ten minutes; 10,000 pending sign-ins take a few
   * MB.
   */
  static final int CAPACITY = 10_000;

  private final Map<String, PendingSignIn> pending = new LinkedHashMap<>();
  private final Clock clock;
  private final int capacity;

  public PendingSignIns(Clock clock) {
    this(clock, CAPACITY);
  }

  PendingSignIns(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
  }

  public synchronized void add(PendingSignIn signIn) {
    Instant now = clock.instant();
    Iterator<PendingSignIn> oldestFirst = pending.values().iterator();
    while (oldestFirst.hasNext()) {
      PendingSignIn oldest = oldestFirst.next();
      if (pending.size() < capacity && now.isBefore(oldest.expires())) {
        break;
      }
      oldestFirst.remove();
    }
    pending.put(signIn.state().getValue(), signIn);
  }

  public synchronized Optional<PendingSignIn> take(String state) {
    return Optional.ofNullable(pending.remove(state))
        .filter(p -> clock.instant().isBefore(p.expires()));
  }

  synchronized int size() {
    return pending.size();
  }

  public Instant expiryFromNow() {
    return clock.instant().plus(LIFETIME);
  }
}
