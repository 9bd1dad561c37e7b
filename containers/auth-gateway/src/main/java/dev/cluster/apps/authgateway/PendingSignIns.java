package dev.cluster.apps.authgateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sign-ins in flight by state; each is taken once, and only within ten minutes of starting. */
public final class PendingSignIns {
  static final Duration LIFETIME = Duration.ofMinutes(10);

  private final Map<String, PendingSignIn> pending = new ConcurrentHashMap<>();
  private final Clock clock;

  public PendingSignIns(Clock clock) {
    this.clock = clock;
  }

  public void add(PendingSignIn signIn) {
    pending.values().removeIf(p -> clock.instant().isAfter(p.expires()));
    pending.put(signIn.state().getValue(), signIn);
  }

  public Optional<PendingSignIn> take(String state) {
    return Optional.ofNullable(pending.remove(state)).filter(p -> clock.instant().isBefore(p.expires()));
  }

  public java.time.Instant expiryFromNow() {
    return clock.instant().plus(LIFETIME);
  }
}
