package dev.cluster.contract.patroni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PatroniHaTest {

  @Test
  void settingsPatroniWouldRefuseOrThatLoseWritesCannotBeMade() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new PatroniHa(
                false,
                true,
                true,
                true,
                PatroniHa.Watchdog.AUTOMATIC,
                PatroniHa.Timing.FAST_FAILOVER,
                0));
    assertThrows(IllegalArgumentException.class, () -> new PatroniHa.Timing(10, 2, 4));
    assertThrows(IllegalArgumentException.class, () -> new PatroniHa.Timing(20, 10, 10));
  }

  @Test
  void anAsynchronousDatabaseKeepsEverySettingButSynchronousCommits() {
    PatroniHa asynchronous = PatroniHa.ZERO_LOSS.synchronous(false);
    assertEquals(
        new PatroniHa(
            false,
            false,
            true,
            true,
            PatroniHa.Watchdog.AUTOMATIC,
            PatroniHa.Timing.FAST_FAILOVER,
            1048576),
        asynchronous);
    assertEquals(PatroniHa.ZERO_LOSS, PatroniHa.ZERO_LOSS.synchronous(true));
  }

  @Test
  void aScopesKeysAreUnderItsNamespace() {
    PatroniScope scope = PatroniScope.of("team", "gerrit-db");
    assertEquals("/service/team-gerrit-db/leader", scope.leaderKey());
    assertEquals("/service/team-gerrit-db/sync", scope.syncKey());
    assertEquals("/service/team-gerrit-db/members/m1", scope.memberKey("m1"));
    assertEquals("/custom/s/", new PatroniScope("/custom", "s").prefix());
    assertThrows(IllegalArgumentException.class, () -> new PatroniScope("/service/", "a/b"));
  }
}
