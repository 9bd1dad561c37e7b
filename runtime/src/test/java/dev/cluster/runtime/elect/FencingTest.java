package dev.cluster.runtime.elect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FencingTest {

  @Test
  void defaultTtlStopsTheChildOneAndAHalfSecondsBeforeTheLeaseCouldExpire() {
    Fencing fencing = Fencing.forTtl(Duration.ofSeconds(5));
    assertEquals(Duration.ofMillis(3500), fencing.renewalDeadline());
    assertEquals(Duration.ofMillis(750), fencing.stopGrace());
    assertFalse(fencing.mustStop(Duration.ofMillis(3500)));
    assertTrue(fencing.mustStop(Duration.ofMillis(3501)));
  }

  @Test
  void theWatchdogKillsOnlyOnceTheAgentsOwnStopIsOverdueAndBeforeTheLeaseCanExpire() {
    Fencing fencing = Fencing.forTtl(Duration.ofSeconds(5));
    assertEquals(Duration.ofMillis(4250), fencing.watchdogDeadline());
    assertTrue(fencing.watchdogDeadline().compareTo(fencing.ttl()) < 0);
  }

  @Test
  void aNewLeaderWaitsTtlPlusMarginAfterAnUncleanPredecessorUnlessToldOtherwise() {
    assertEquals(Duration.ofMillis(6500), Fencing.forTtl(Duration.ofSeconds(5)).takeoverDelay());
    assertEquals(
        Duration.ZERO,
        Fencing.forTtl(Duration.ofSeconds(5)).withTakeoverDelay(Duration.ZERO).takeoverDelay());
  }

  @Test
  void aChildStartsOnlyOnALeaseWithHalfItsRenewalDeadlineLeft() {
    Fencing fencing = Fencing.forTtl(Duration.ofSeconds(5));
    assertTrue(fencing.freshEnoughToStart(Duration.ofMillis(1750)));
    assertFalse(fencing.freshEnoughToStart(Duration.ofMillis(1751)));
  }

  @Test
  void theMarginMustLeaveRoomToStopTheChild() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Fencing(
                Duration.ofSeconds(5),
                Duration.ofMillis(500),
                Duration.ofMillis(500),
                Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Fencing(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Fencing.forTtl(Duration.ofSeconds(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Fencing.forTtl(Duration.ofSeconds(5)).withTakeoverDelay(Duration.ofMillis(-1)));
  }
}
