package dev.cluster.runtime.elect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three contenders through the failures a leader must survive or fence itself against, in one etcd
 * cluster's life.
 */
class ElectFailoverTest {

  private static final int TTL = 5;
  private static final Duration TTL_PLUS_ONE = Duration.ofSeconds(TTL + 1);

  /** Liveness bound for JVM starts and elections on a loaded machine, not a speed target. */
  private static final Duration LIVENESS = Duration.ofSeconds(90);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  @Test
  void exactlyOneLeaderRunsItsChildThroughAgentAndEtcdFailures() throws Exception {
    try (Processes processes = new Processes();
        LeaderChildren children =
            new LeaderChildren("elect-child-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "redis", TTL, logs, children);
      Map<Integer, Process> agents = new TreeMap<>();
      for (int i = 0; i < 3; i++) {
        agents.put(i, contenders.start(i));
      }
      int first =
          children
              .awaitSole(LIVENESS, any -> true)
              .orElseThrow(() -> new AssertionError("no leader ran its child: " + logs));

      Processes.kill9(agents.remove(first));
      long killedAt = System.nanoTime();
      // the lease expires after the TTL, then the new leader waits the takeover delay (TTL +
      // margin): its predecessor did not record stopping its child
      int second =
          children
              .awaitSole(LIVENESS, contender -> contender != first)
              .orElseThrow(
                  () -> new AssertionError("no new leader after kill -9 of the leader: " + logs));
      Duration handover = Duration.ofNanos(System.nanoTime() - killedAt);

      ETCD.kill(ETCD.leader());
      // the leader may keep its lease through etcd's re-election, or fence itself and let another
      // take over
      Thread.sleep(TTL_PLUS_ONE.toMillis());
      assertNotNull(
          Eventually.within(LIVENESS, () -> children.running().size() == 1),
          "no leader after the etcd leader member died: " + logs);

      long stoppedAt = System.nanoTime();
      ETCD.stopAll();
      // nobody else can lead without etcd: how soon the child stops is a figure (benchmarks), not a
      // test
      Duration fenced = Eventually.within(LIVENESS, () -> children.running().isEmpty());
      assertNotNull(
          fenced,
          "the leader's child still runs "
              + LIVENESS.toSeconds()
              + " s after etcd became unreachable: "
              + children.running());
      System.out.printf(
          "elect: handover after kill -9 %d ms; fenced %d ms after etcd stopped (TTL %d s)%n",
          handover.toMillis(), Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis(), TTL);

      assertEquals(1, children.mostAtOnce(), "two leaders' children ran at the same instant");
      assertEquals(Set.of(), children.running());
      System.out.println("elect: leader before the etcd leader member died: " + second);
    }
  }
}
