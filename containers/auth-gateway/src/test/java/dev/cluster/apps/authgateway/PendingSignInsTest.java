package dev.cluster.apps.authgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sign-ins anyone may start: never more than the cap, the oldest and the expired dropped first. */
class PendingSignInsTest {
  private static final URI HOME = URI.create("https://dev.example.com/");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  private static PendingSignIn start(PendingSignIns pending) {
    PendingSignIn signIn = IdentityProviderClient.start(HOME, pending.expiryFromNow());
    pending.add(signIn);
    return signIn;
  }

  @Test
  void aFloodOfSignInsNeverHoldsMoreThanTheCapAndKeepsTheNewest() {
    ManualClock clock = new ManualClock();
    PendingSignIns pending = new PendingSignIns(clock, 100);
    List<PendingSignIn> started = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      started.add(start(pending));
      assertTrue(
          pending.size() <= 100, "size " + pending.size() + " after " + (i + 1) + " sign-ins");
      clock.advance(Duration.ofMillis(10));
    }
    assertEquals(100, pending.size());
    assertTrue(
        pending.take(started.get(899).state().getValue()).isEmpty(), "the oldest went first");
    assertTrue(
        pending.take(started.get(900).state().getValue()).isPresent(), "the newest hundred stay");
    assertTrue(pending.take(started.get(999).state().getValue()).isPresent());
  }

  @Test
  void expiredSignInsLeaveFromTheHeadAndAreNeverTaken() {
    ManualClock clock = new ManualClock();
    PendingSignIns pending = new PendingSignIns(clock, 100);
    PendingSignIn first = start(pending);
    PendingSignIn second = start(pending);
    clock.advance(Duration.ofMinutes(5));
    PendingSignIn third = start(pending);
    assertEquals(3, pending.size());

    clock.advance(PendingSignIns.LIFETIME.minus(Duration.ofMinutes(4)));
    assertTrue(
        pending.take(first.state().getValue()).isEmpty(),
        "expired: refused even though still held");
    start(pending);
    assertEquals(
        2,
        pending.size(),
        "the expired head (second) left when the next one came; third and the new stay");
    assertTrue(pending.take(second.state().getValue()).isEmpty());
    assertTrue(pending.take(third.state().getValue()).isPresent());
    assertTrue(pending.take(third.state().getValue()).isEmpty(), "taken once");
  }
}
