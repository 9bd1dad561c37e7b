package dev.cluster.runtime.elect;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class ElectAgentTest {

  /** Long enough that a takeover within one second can only come from the lease being revoked. */
  private static final int TTL = 10;

  /** Liveness bound for JVM starts and elections on a loaded machine, not a speed target. */
  private static final Duration LIVENESS = Duration.ofSeconds(90);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  @Test
  void cleanStopHandsLeadershipOverAtOnce() throws Exception {
    try (Processes processes = new Processes();
        Client etcd = ETCD.client();
        LeaderChildren children =
            new LeaderChildren("clean-stop-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "mariadb", TTL, logs, children);
      Process first = contenders.start(0);
      assertNotNull(Eventually.within(LIVENESS, () -> children.running().equals(Set.of(0))));
      contenders.start(1);
      assertNotNull(
          Eventually.within(LIVENESS, () -> candidates(etcd, "mariadb") == 2),
          "the second contender never campaigned; logs in " + logs);
      assertEquals(Set.of(0), children.running(), "the second contender must wait");

      Processes.terminate(first);
      assertEquals(
          143,
          first.exitValue(),
          "the JVM's status after SIGTERM (systemd: SuccessExitStatus=143)");
      // its lease is revoked before it exits, so only the other contender's key is left, without
      // waiting the TTL
      assertEquals(
          1,
          candidates(etcd, "mariadb"),
          "SIGTERM must revoke the leader's lease before the agent exits (TTL " + TTL + " s)");
      Duration takeover = Eventually.within(LIVENESS, () -> children.running().equals(Set.of(1)));
      assertNotNull(takeover, "the other contender never led; logs in " + logs);
      assertEquals(1, children.mostAtOnce());
      System.out.println(
          "elect: the other contender led " + takeover.toMillis() + " ms after the leader's exit");
    }
  }

  @Test
  void childExitingByItselfMakesTheAgentResignAndFail() throws Exception {
    try (Processes processes = new Processes();
        Client etcd = ETCD.client();
        LeaderChildren children =
            new LeaderChildren("self-exit-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "sftp", TTL, logs, children);
      Process agent = contenders.start(0, List.of("sh", "-c", "sleep 1; exit 0"));
      assertTrue(
          agent.waitFor(LIVENESS.toSeconds(), TimeUnit.SECONDS),
          "agent did not exit after its child");
      assertEquals(
          1,
          agent.exitValue(),
          "a child's exit 0 still means the singleton stopped: systemd must restart");
      assertEquals(
          0, candidates(etcd, "sftp"), "the agent must have resigned and revoked its lease");
    }
  }

  @Test
  void deletingTheLeaderKeyStopsTheChildAtOnce() throws Exception {
    try (Processes processes = new Processes();
        Client etcd = ETCD.client();
        LeaderChildren children =
            new LeaderChildren("key-deleted-" + ProcessHandle.current().pid())) {
      Contenders contenders =
          new Contenders(processes, ETCD.endpoints(), "memcached", TTL, logs, children);
      Process agent = contenders.start(0);
      assertNotNull(Eventually.within(LIVENESS, () -> children.running().equals(Set.of(0))));

      etcd.getKVClient()
          .delete(
              bytes(EtcdKeys.election("memcached") + "/"),
              DeleteOption.builder().isPrefix(true).build())
          .get(30, TimeUnit.SECONDS);
      // the agent keeps its lease alive: only the watch on its key can stop the child
      assertNotNull(
          Eventually.within(LIVENESS, () -> children.running().isEmpty()),
          "a leader whose key was deleted must stop its child");
      assertTrue(
          agent.waitFor(LIVENESS.toSeconds(), TimeUnit.SECONDS),
          "the agent did not exit after its key was deleted");
      assertEquals(ElectAgent.LOST_LEADERSHIP, agent.exitValue());
    }
  }

  /** The contenders' keys in the election (each campaign's, leader's included). */
  private static long candidates(Client etcd, String name) {
    try {
      return etcd.getKVClient()
          .get(bytes(EtcdKeys.election(name) + "/"), GetOption.builder().isPrefix(true).build())
          .get(10, TimeUnit.SECONDS)
          .getCount();
    } catch (Exception e) {
      throw new IllegalStateException("etcd did not answer", e);
    }
  }
}
