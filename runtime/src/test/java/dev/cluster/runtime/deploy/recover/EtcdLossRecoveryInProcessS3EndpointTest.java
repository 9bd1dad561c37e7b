package dev.cluster.runtime.deploy.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.patroni.PatroniHa;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessS3Endpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import dev.cluster.runtime.elect.Contenders;
import dev.cluster.runtime.elect.LeaderChildren;
import dev.cluster.runtime.patroni.PatroniCluster;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.NodeScripts;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.Restarting;
import dev.cluster.runtime.testing.TrixieRoot;
import io.etcd.jetcd.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every etcd member killed and its data deleted while a client writes through the ambassador, then
 * the cluster brought back as docs/OPERATIONS.md says: {@code recover} (the deploy client, against
 * an in-process S3 endpoint and an in-process server following fleet's API, not AWS and not fleet)
 * and the MAIN machines' {@code etcd-restore}. Everything else is real: a 3-member etcd with the v2
 * API on, three Patroni 4 / PostgreSQL 17 members, the ambassador agent with HAProxy, an {@code
 * elect} singleton with two contenders, and the snapshot taken by the MAIN machines' {@code
 * etcd-snapshot} before the disaster. The agents are restarted when they exit, as their units are.
 */
@ExtendWith(ExampleCredentials.class)
class EtcdLossRecoveryInProcessS3EndpointTest {

  private static final String BUCKET = "team-etcd-snapshots";
  private static final String KEY = "team/2026-11-29T09-00-00Z-i-0aaa.tar.gz";
  private static final int ELECT_TTL = 4;

  /**
   * A liveness bound for the elect singleton to have one stable leader: two contender JVMs starting
   * beside three Patroni members, a HAProxy and the test on a loaded 2-core machine may take
   * minutes, and campaigns that lose their lease on a starved machine start again; only a singleton
   * that never comes is a failure.
   */
  private static final Duration ELECTED_WITHIN = Duration.ofMinutes(4);

  @RegisterExtension
  static final EtcdCluster ETCD = new EtcdCluster(3, List.of("--enable-v2=true"));

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  @Test
  void afterEveryEtcdMemberIsLostRecoverBringsBackOnePrimaryEveryRowTheSingletonAndTheUnits()
      throws Exception {
    TrixieRoot root = TrixieRoot.require();
    try (PatroniCluster patroni = new PatroniCluster(root, 3, ETCD.endpoints(), logs);
        Processes agents = new Processes();
        Restarting restarting = new Restarting(Duration.ofSeconds(1));
        LeaderChildren singleton = new LeaderChildren("recover-" + ProcessHandle.current().pid());
        InProcessS3Endpoint s3 = new InProcessS3Endpoint();
        InProcessFleetServer fleet = new InProcessFleetServer(2);
        Client etcd = ETCD.client()) {
      patroni.startAll();
      patroni.awaitPrimary(Duration.ofSeconds(60));
      patroni.awaitSettled(etcd, Duration.ofSeconds(90));
      String primaryBefore = patroni.primary().orElseThrow();
      String primaryAtLoss;
      String throughAmbassador = ambassador(patroni, agents, restarting);
      Contenders contenders =
          new Contenders(agents, ETCD.endpoints(), "redis", ELECT_TTL, logs, singleton);
      restarting.keep("elect-0", () -> contenders.start(0));
      restarting.keep("elect-1", () -> contenders.start(1));
      assertNotNull(
          Eventually.within(ELECTED_WITHIN, () -> singleton.running().size() == 1),
          "no elect leader within " + ELECTED_WITHIN + "; logs in " + logs);

      CliRun started =
          CliRun.run(TestClusters.team(), "units", "start", "--fleet-url", fleet.url().toString());
      assertEquals(0, started.exitCode(), started.toString());
      Map<String, String> desired = fleet.desiredStates();

      try (Writer writer = new Writer(throughAmbassador)) {
        writer.awaitAcknowledged(20, Duration.ofSeconds(30));
        Path snapshot = logs.resolve("etcd-snapshot.tar.gz");
        NodeScripts.Run taken =
            NodeScripts.run(
                "etcd-snapshot",
                Map.of("CLUSTER", "team", "ETCD_ENDPOINT", ETCD.clientUrl(0)),
                snapshot.toString());
        assertEquals(0, taken.exitCode(), taken.output());
        s3.createBucket(BUCKET);
        s3.putObject(
            BUCKET, KEY, Files.readAllBytes(snapshot), Map.of("cluster", "team"), Instant.now());
        writer.awaitAcknowledged(writer.acknowledged().size() + 20, Duration.ofSeconds(30));

        // A failover after the snapshot: the snapshot's leader key names a member that is a replica
        // by the disaster.
        patroni.crash(primaryBefore);
        writer.awaitAcknowledged(writer.acknowledged().size() + 20, Duration.ofSeconds(90));
        primaryAtLoss = patroni.awaitPrimary(Duration.ofSeconds(5));
        patroni.start(primaryBefore);
        assertNotNull(
            Eventually.within(Duration.ofSeconds(90), () -> patroni.replica(primaryBefore)),
            "the crashed primary did not rejoin as a replica; logs in " + logs);

        ETCD.destroyAll();
        fleet.wipe();
        assertNotNull(
            Eventually.within(
                Duration.ofSeconds(ELECT_TTL + 2), () -> singleton.running().isEmpty()),
            "the singleton must stop within its TTL once etcd is gone");
        // etcd gone for longer than Patroni's ttl: failsafe_mode keeps the primary while every
        // member sees it
        int beforeOutage = writer.acknowledged().size();
        Thread.sleep(Duration.ofSeconds(PatroniHa.Timing.FAST_FAILOVER.ttl() + 2).toMillis());
        assertTrue(
            writer.acknowledged().size() > beforeOutage + 20, "writes go on while etcd is gone");
        assertEquals(List.of(primaryAtLoss), patroni.primaries());

        Path saved = restore(s3);
        CliRun units = recover(s3, "--fleet-url", fleet.url().toString());
        assertEquals(0, units.exitCode(), units.toString());
        assertEquals(desired, fleet.desiredStates(), "every unit back in fleet's desired state");

        int beforeRestore = writer.acknowledged().size();
        Duration writes =
            Eventually.within(
                Duration.ofSeconds(90), () -> writer.acknowledged().size() >= beforeRestore + 20);
        assertNotNull(
            writes,
            "writes through the ambassador did not resume after the restore; logs in " + logs);
        Duration elected = Eventually.within(ELECTED_WITHIN, () -> singleton.running().size() == 1);
        assertNotNull(elected, "the elect singleton did not come back; logs in " + logs);
        System.out.printf(
            "recover: after the restore, 20 more writes acknowledged within %d ms, the singleton back within"
                + " %d ms more; primary %s at the snapshot, %s at the loss, %s after; %d writes acknowledged in all%n",
            writes.toMillis(),
            elected.toMillis(),
            primaryBefore,
            primaryAtLoss,
            patroni.primaries(),
            writer.acknowledged().size());
        assertNotNull(
            Eventually.within(Duration.ofSeconds(60), () -> patroni.primaries().size() == 1),
            "not exactly one Patroni primary: " + patroni.primaries() + "; logs in " + logs);
        assertTrue(Files.exists(saved));
      }
      Thread.sleep(2000);
      assertEquals(
          List.of(primaryAtLoss),
          patroni.primaries(),
          "exactly one primary, the one that ran through the"
              + " loss: the restored leader key named "
              + primaryBefore
              + ", which must not have promoted itself on it");
      assertEquals(1, singleton.running().size(), "the singleton runs once, still");
      assertEquals(
          1,
          singleton.mostAtOnce(),
          "never two singletons at once, before, during or after the loss");
    }
  }

  /**
   * The runbook's steps: {@code recover} saves the snapshot; each member restores it, serving
   * clients only on a private port until the stale leader keys are gone (what {@code etcd-restore
   * SNAPSHOT SIZE} does on a machine), then as usual.
   */
  private Path restore(InProcessS3Endpoint s3) {
    CliRun runbook = recover(s3);
    assertEquals(0, runbook.exitCode(), runbook.toString());
    Path saved = logs.resolve(KEY.substring(KEY.indexOf('/') + 1));
    assertTrue(runbook.out().contains("saved to " + saved), runbook.out());
    for (int i = 0; i < 3; i++) {
      NodeScripts.Run member =
          NodeScripts.run(
              "etcd-restore",
              Map.of(
                  "CLUSTER",
                  "team",
                  "ETCD_DATA_DIR",
                  ETCD.dataDir(i).toString(),
                  "ETCD_NAME",
                  ETCD.name(i),
                  "ETCD_INITIAL_CLUSTER",
                  ETCD.initialCluster()),
              "data",
              saved.toString());
      assertEquals(0, member.exitCode(), member.output());
    }
    String privately = "http://127.0.0.1:" + FreePorts.next();
    ETCD.startServingOnlyAt(0, privately);
    for (int i = 1; i < 3; i++) {
      ETCD.startServingOnlyAt(i, "http://127.0.0.1:" + FreePorts.next());
    }
    NodeScripts.Run stale =
        NodeScripts.run(
            "etcd-restore",
            Map.of("CLUSTER", "team", "ETCD_ENDPOINT", privately),
            "stale-leaders",
            saved.toString());
    assertEquals(0, stale.exitCode(), stale.output());
    assertTrue(stale.output().contains("deleted /service/pg/leader"), stale.output());
    for (int i = 0; i < 3; i++) {
      ETCD.kill(i);
      ETCD.start(i);
    }
    ETCD.awaitHealthy();
    return saved;
  }

  private CliRun recover(InProcessS3Endpoint s3, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "recover",
                "--s3-endpoint-url",
                s3.url().toString(),
                "--snapshot-bucket",
                BUCKET,
                "--snapshot-dir",
                logs.toString()));
    args.addAll(List.of(more));
    return CliRun.run(TestClusters.team(), args.toArray(String[]::new));
  }

  /**
   * The ambassador for scope pg, following Patroni's leader key and checking /primary; its JDBC
   * URL.
   */
  private String ambassador(PatroniCluster patroni, Processes agents, Restarting restarting)
      throws Exception {
    int port = FreePorts.next();
    Path config = logs.resolve("postgres.json");
    Files.writeString(
        config,
        """
                {"name": "postgres", "listenPort": %d, "mode": "leader",
                 "target": {"kind": "patroni", "scope": "pg"},
                 "healthCheck": {"kind": "http", "path": "/primary", "port": %d, "intervalMs": 500}}"""
            .formatted(port, patroni.apiPort()));
    restarting.keep(
        "ambassador",
        () ->
            agents.startAgent(
                List.of(
                    "ambassador",
                    "--etcd",
                    ETCD.endpoints(),
                    "--config",
                    config.toString(),
                    "--run-dir",
                    logs.resolve("ambassador").toString()),
                logs.resolve("ambassador.log")));
    String url = PatroniCluster.jdbcUrl("127.0.0.1", port);
    assertNotNull(
        Eventually.within(
            Duration.ofSeconds(20),
            () -> execute(url, "create table if not exists t(id int primary key)")),
        "no connection through the ambassador");
    return url;
  }

  private static boolean execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
      return true;
    } catch (SQLException notNow) {
      return false;
    }
  }

  /**
   * A client inserting rows through the ambassador, one connection each, remembering those
   * acknowledged.
   */
  private static final class Writer implements AutoCloseable {
    private final String url;
    private final Set<Integer> acknowledged = new ConcurrentSkipListSet<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final Thread thread;

    Writer(String url) {
      this.url = url;
      this.thread =
          new Thread(
              () -> {
                for (int id = 0; writing.get(); id++) {
                  if (execute(url, "insert into t values (" + id + ")")) {
                    acknowledged.add(id);
                  } else {
                    pause();
                  }
                }
              },
              "writer");
      thread.start();
    }

    Set<Integer> acknowledged() {
      return acknowledged;
    }

    void awaitAcknowledged(int count, Duration within) {
      assertNotNull(
          Eventually.within(within, () -> acknowledged.size() >= count),
          "fewer than " + count + " writes acknowledged");
    }

    private void pause() {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        writing.set(false);
      }
    }

    @Override
    public void close() throws Exception {
      writing.set(false);
      thread.join();
      Set<Integer> present = new TreeSet<>();
      try (Connection connection = DriverManager.getConnection(url);
          ResultSet rows = connection.createStatement().executeQuery("select id from t")) {
        while (rows.next()) {
          present.add(rows.getInt(1));
        }
      }
      Set<Integer> lost = new TreeSet<>(acknowledged);
      lost.removeAll(present);
      assertEquals(
          Set.of(), lost, "acknowledged rows lost (of " + acknowledged.size() + " acknowledged)");
    }
  }
}
