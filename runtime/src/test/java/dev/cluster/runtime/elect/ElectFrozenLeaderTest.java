package dev.cluster.runtime.elect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader that is not scheduled while its child is: the elect JVM alone (a long GC pause,
 * swapping, a debugger), or its whole process tree (agent, fence watchdog, child: as a frozen
 * machine). The other contender must not run its child while the first one runs; the process table
 * is sampled on the children's state throughout (a stopped child runs nothing).
 */
class ElectFrozenLeaderTest {

  private static final int TTL = 5;

  /** Liveness bound for elections on a loaded machine, not a speed target. */
  private static final Duration LIVENESS = Duration.ofSeconds(90);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  /**
   * Only the agent's JVM is stopped, until the other contender runs its child, however long that
   * takes: only something outside the JVM can have stopped the first child by then. No takeover
   * delay, so that the watchdog alone is tested.
   */
  @Test
  void frozenAgentAloneNeverLeavesTwoChildrenRunning() throws Exception {
    try (Processes processes = new Processes();
        LeaderChildren children =
            new LeaderChildren("frozen-agent-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "frozen-agent", TTL, logs, children);
      List<String> noDelay = List.of("--takeover-delay-ms", "0");
      List<Process> agents =
          List.of(
              contenders.start(0, noDelay, children.command(0)),
              contenders.start(1, noDelay, children.command(1)));
      int first =
          children
              .awaitSole(LIVENESS, any -> true)
              .orElseThrow(() -> new AssertionError("no leader ran its child; logs in " + logs));

      Freezer.freeze(List.of(agents.get(first).toHandle()));
      int second = 1 - first;
      assertNotNull(
          Eventually.within(LIVENESS, () -> children.running().contains(second)),
          "the other contender never took over; logs in " + logs);
      Thread.sleep(TTL * 1000L);
      assertEquals(
          1,
          children.mostAtOnce(),
          "two children ran at once while the leader's JVM was frozen; logs in " + logs);
      assertEquals(
          List.of(second), List.copyOf(children.running()), "the frozen leader's child came back");
      Freezer.resume(List.of(agents.get(first).toHandle()));

      assertTrue(
          agents.get(first).waitFor(LIVENESS.toSeconds(), TimeUnit.SECONDS),
          "the resumed agent did not exit; logs in " + logs);
      assertEquals(ElectAgent.LOST_LEADERSHIP, agents.get(first).exitValue());
      assertEquals(
          1,
          children.mostAtOnce(),
          "two children ran at once while the leader's JVM was frozen; logs in " + logs);
    }
  }

  /**
   * The agent, its watchdog and its child all stopped for twice the TTL, as a frozen machine:
   * nothing of theirs can fence, so only the new leader's takeover delay keeps the two children
   * apart.
   */
  @Test
  void frozenProcessTreeNeverLeavesTwoChildrenRunning() throws Exception {
    try (Processes processes = new Processes();
        LeaderChildren children =
            new LeaderChildren("frozen-tree-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "frozen-tree", TTL, logs, children);
      List<Process> agents = List.of(contenders.start(0), contenders.start(1));
      int first =
          children
              .awaitSole(LIVENESS, any -> true)
              .orElseThrow(() -> new AssertionError("no leader ran its child; logs in " + logs));

      List<ProcessHandle> tree = Freezer.tree(agents.get(first).toHandle());
      Freezer.freeze(tree);
      Thread.sleep(2L * TTL * 1000);
      Freezer.resume(tree);

      assertTrue(
          children.awaitSole(LIVENESS, contender -> contender != first).isPresent(),
          "the other contender never took over; logs in " + logs);
      assertTrue(
          agents.get(first).waitFor(LIVENESS.toSeconds(), TimeUnit.SECONDS),
          "the resumed agent did not exit; logs in " + logs);
      assertEquals(
          1,
          children.mostAtOnce(),
          "two children ran at once around the frozen machine; logs in " + logs);
    }
  }
}
