package dev.cluster.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cluster.apps.common.SpentProofs.Use;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each proof of the front door is accepted once; what is remembered for it is forgotten when it
 * expires.
 */
class SpentProofsTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  @Test
  void aProofIsSpentOnceUntilItExpires() {
    SpentProofs spent = new SpentProofs(10);
    assertEquals(Use.FIRST, spent.spend("a", NOW.plusSeconds(60), NOW));
    assertEquals(Use.REPLAYED, spent.spend("a", NOW.plusSeconds(60), NOW.plusSeconds(59)));
    assertEquals(Use.FIRST, spent.spend("b", NOW.plusSeconds(60), NOW));
    assertEquals(2, spent.size());
  }

  @Test
  void expiredProofsAreForgotten() {
    SpentProofs spent = new SpentProofs(10);
    spent.spend("a", NOW.plusSeconds(10), NOW);
    spent.spend("b", NOW.plusSeconds(20), NOW);
    spent.spend("c", NOW.plusSeconds(30), NOW);
    assertEquals(Use.FIRST, spent.spend("d", NOW.plusSeconds(80), NOW.plusSeconds(20)));
    assertEquals(2, spent.size(), "a and b expired: only c and d are remembered");
  }

  /**
   * Another gateway's clock may be a little behind: its proof is kept behind a later one, never
   * dropped early.
   */
  @Test
  void aProofBehindOneThatExpiresLaterIsNeverForgottenEarly() {
    SpentProofs spent = new SpentProofs(10);
    spent.spend("late", NOW.plusSeconds(60), NOW);
    spent.spend("early", NOW.plusSeconds(50), NOW);
    assertEquals(Use.REPLAYED, spent.spend("early", NOW.plusSeconds(50), NOW.plusSeconds(49)));
    spent.spend("x", NOW.plusSeconds(120), NOW.plusSeconds(60));
    assertEquals(1, spent.size(), "both forgotten once the head expired");
  }

  @Test
  void atCapacityNewProofsAreRefusedUntilSomeExpire() {
    SpentProofs spent = new SpentProofs(2);
    spent.spend("a", NOW.plusSeconds(10), NOW);
    spent.spend("b", NOW.plusSeconds(60), NOW);
    assertEquals(Use.FULL, spent.spend("c", NOW.plusSeconds(60), NOW.plusSeconds(1)));
    assertEquals(
        Use.REPLAYED,
        spent.spend("a", NOW.plusSeconds(10), NOW.plusSeconds(1)),
        "a remembered proof is still a replay, not forgotten to make room");
    assertEquals(2, spent.size());
    assertEquals(
        Use.FIRST,
        spent.spend("c", NOW.plusSeconds(70), NOW.plusSeconds(10)),
        "a expired: room for c");
    assertEquals(2, spent.size());
  }

  @Test
  void aCapacityThatIsNoneIsAClearError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SpentProofs(0));
    assertEquals("the capacity of the spent proofs must be positive, not 0", e.getMessage());
  }

  /** The app's judgement: a replay is refused, and a full memory refuses rather than forgets. */
  @Test
  void theTrustRefusesReplaysAndRefusesWhenFull() {
    Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    FrontDoorTrust trust =
        new FrontDoorTrust(
            Optional.of(FrontDoorProof.verifier(TestFrontDoor.VERIFY_KEY)),
            TestFrontDoor.AUDIENCE,
            List.of(),
            clock,
            2);
    Instant expires = clock.instant().plus(FrontDoorProof.LIFETIME);
    String first = TestFrontDoor.gateway().sign(TestFrontDoor.AUDIENCE, "alice", "", expires);
    assertEquals(FrontDoorTrust.Outcome.PROVEN, trust.judge("alice", "", first).outcome());
    assertEquals(FrontDoorTrust.Outcome.REPLAYED, trust.judge("alice", "", first).outcome());
    assertEquals(
        FrontDoorTrust.Outcome.PROVEN,
        trust
            .judge(
                "bob", "", TestFrontDoor.gateway().sign(TestFrontDoor.AUDIENCE, "bob", "", expires))
            .outcome());
    assertEquals(
        FrontDoorTrust.Outcome.TOO_MANY_PROOFS,
        trust
            .judge(
                "carol",
                "",
                TestFrontDoor.gateway().sign(TestFrontDoor.AUDIENCE, "carol", "", expires))
            .outcome());
  }
}
