package dev.cluster.runtime.etcd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.BusyLoops;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.EtcdProxy;
import dev.cluster.runtime.testing.FrozenMember;
import dev.cluster.runtime.testing.NamedEchoServer;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frozen etcd member (SIGSTOP: it accepts TCP but answers nothing) behind the WORKER machines'
 * local etcd proxy, with the proxy configuration their boot renders, real HAProxy and real agents;
 * the member frozen is the one carrying the agent's connection. Quiet and under CPU starvation (two
 * busy loops per core): the bounds are liveness bounds, checked by sampling etcd and the ambassador
 * ({@link FrozenMember}), not stopwatches of normal speed.
 */
class FrozenEtcdMemberTest {

  private static final int TTL_SECONDS = 5;

  /** The presence key may be absent at most this long: the bound. */
  private static final Duration KEY_ABSENT_AT_MOST = Duration.ofSeconds(TTL_SECONDS + 2);

  /**
   * How long the member stays frozen while the key is sampled: beyond a lease's expiry plus the
   * bound.
   */
  private static final Duration FROZEN_FOR = Duration.ofSeconds(20);

  /**
   * New connections through the ambassador reach the new leader at most this long after the leader
   * key moved, when it moved at the very moment of the freeze (the worst case: the proxy's two
   * missed checks, up to ~1 s, then jetcd resumes the watch on a live member 500 ms later): the
   * issue's 2 s, quiet and CPU-starved alike (measured 0.1-1.6 s both ways on a 2-core machine at
   * load 15).
   */
  private static final Duration AMBASSADOR_STALE_AT_MOST = Duration.ofSeconds(2);

  /** Generous: JVMs starting on a starved machine. */
  private static final Duration STARTED_WITHIN = Duration.ofSeconds(120);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private Processes processes;
  private FrozenMember fault;

  @BeforeEach
  void setUp() throws Exception {
    processes = new Processes();
    ETCD.emptiedClient().close();
    fault = new FrozenMember(ETCD, dir, FrozenMember.AGENTS, STARTED_WITHIN);
  }

  @AfterEach
  void tearDown() {
    processes.close();
    ETCD.awaitHealthy();
  }

  @Test
  void presenceKeyOutlivesTheFreezeOfTheMemberCarryingItsConnection() throws Exception {
    presenceThroughAFrozenMember(false);
  }

  @Test
  void presenceKeyOutlivesTheFreezeUnderCpuStarvation() throws Exception {
    presenceThroughAFrozenMember(true);
  }

  @Test
  void ambassadorFollowsTheLeaderKeyWhileTheMemberCarryingItsWatchIsFrozen() throws Exception {
    ambassadorThroughAFrozenMember(false);
  }

  @Test
  void ambassadorFollowsTheLeaderKeyUnderCpuStarvation() throws Exception {
    ambassadorThroughAFrozenMember(true);
  }

  private void presenceThroughAFrozenMember(boolean starved) throws Exception {
    try (EtcdProxy proxy = new EtcdProxy(ETCD, dir);
        BusyLoops load = starved ? new BusyLoops(dir.resolve("busy.log")) : null) {
      FrozenMember.Absence absence =
          fault.presence(processes, proxy, TTL_SECONDS, FROZEN_FOR, KEY_ABSENT_AT_MOST);
      System.out.println(
          "presence, member "
              + absence.frozenMember()
              + " frozen"
              + (starved ? ", CPU starved" : "")
              + ": key absent at most "
              + absence.longest().toMillis()
              + " ms");
      assertFalse(
          absence.gaveUp(),
          "the presence key was absent for over "
              + KEY_ABSENT_AT_MOST
              + " while member "
              + absence.frozenMember()
              + " was frozen; logs in "
              + dir);
      assertNotEquals(
          absence.frozenMember(),
          proxy.memberCarryingTheSessions().orElse(-1),
          "the proxy must have moved the agent's session off the frozen member");
    }
  }

  private void ambassadorThroughAFrozenMember(boolean starved) throws Exception {
    try (EtcdProxy proxy = new EtcdProxy(ETCD, dir);
        NamedEchoServer oldLeader = new NamedEchoServer("old-leader");
        NamedEchoServer newLeader = new NamedEchoServer("new-leader");
        BusyLoops load = starved ? new BusyLoops(dir.resolve("busy.log")) : null) {
      FrozenMember.Staleness stale =
          fault.ambassador(processes, proxy, oldLeader, newLeader, FROZEN_FOR);
      System.out.println(
          "ambassador, member "
              + stale.frozenMember()
              + " frozen"
              + (starved ? ", CPU starved" : "")
              + ": new connections on the new leader "
              + stale.afterTheMove().toMillis()
              + " ms after the key moved");
      assertTrue(
          stale.afterTheMove().compareTo(AMBASSADOR_STALE_AT_MOST) <= 0,
          "the ambassador sent new "
              + "connections to the old leader for "
              + stale.afterTheMove().toMillis()
              + " ms after the leader key "
              + "moved, member "
              + stale.frozenMember()
              + " frozen; logs in "
              + dir);
    }
  }
}
