package dev.cluster.runtime.elect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.BusyLoops;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three contenders starting together on a starved machine (two busy loops per core for the test's
 * length), as every machine looks at boot when all agents' JVMs start at once: a leader settles
 * within a liveness bound, stays the only one, and no two children ever run at once. How fast is a
 * figure of runtime/bench, not a test.
 */
class ElectUnderCpuLoadTest {

  private static final int TTL = 5;

  /**
   * Liveness bound on a starved machine; the issue saw 29-131 s, and sometimes no leader, before
   * the fix.
   */
  private static final Duration LIVENESS = Duration.ofSeconds(120);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  @Test
  void aLeaderSettlesAndStaysAloneWhileEveryCoreIsBusy() throws Exception {
    try (Processes processes = new Processes();
        BusyLoops load = new BusyLoops(logs.resolve("busy-loop.log"));
        LeaderChildren children = new LeaderChildren("cpu-load-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "cpu-load", TTL, logs, children);
      List<Process> agents = List.of(contenders.start(0), contenders.start(1), contenders.start(2));
      long started = System.nanoTime();
      int leader =
          children
              .awaitSole(LIVENESS, any -> true)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "no leader within "
                              + LIVENESS.toSeconds()
                              + " s under CPU load; logs in "
                              + logs));
      System.out.printf(
          "elect: leader %d ran its child %d ms after the agents started, under CPU load%n",
          leader, Duration.ofNanos(System.nanoTime() - started).toMillis());

      // two more TTLs of load: a leader that cannot keep its lease would be fenced and replaced
      // meanwhile
      Thread.sleep(2L * TTL * 1000);
      assertNotNull(
          Eventually.within(LIVENESS, () -> children.running().size() == 1),
          "no single leader after " + 2 * TTL + " s more of CPU load; logs in " + logs);
      assertEquals(
          1, children.mostAtOnce(), "two children ran at once under CPU load; logs in " + logs);
      agents.forEach(
          agent ->
              assertTrue(
                  agent.isAlive() || agent.exitValue() == ElectAgent.LOST_LEADERSHIP,
                  "an agent failed otherwise than by losing its leadership; logs in " + logs));
    }
  }
}
