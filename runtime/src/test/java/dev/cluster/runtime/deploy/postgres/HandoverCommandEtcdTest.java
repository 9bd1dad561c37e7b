package dev.cluster.runtime.deploy.postgres;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.CliInAChildJvm;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import dev.cluster.runtime.testing.EtcdCluster;
import io.etcd.jetcd.Client;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code postgres handover} against a real etcd holding Patroni's keys as Patroni writes them, and
 * {@link InProcessFleetServer} (not fleet itself). What a stopped primary's Patroni then does is
 * tested with the real image in the containers module (PostgresPatroniFailoverTest): here a
 * stand-in moves the leader key when fleet is told to stop the primary's unit.
 */
class HandoverCommandEtcdTest {
  private static final String SCOPE = "/service/pgtest-gerrit-db/";

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  private InProcessFleetServer fleet;
  private Client etcd;

  @BeforeEach
  void start() throws Exception {
    fleet = new InProcessFleetServer(10);
    for (int i = 1; i <= 3; i++) {
      fleet.preload("gerrit-db@" + i + ".service", "launched", List.of());
    }
    etcd = ETCD.emptiedClient();
  }

  @AfterEach
  void stop() {
    fleet.close();
    etcd.close();
  }

  /** The team cluster with one database, gerrit-db, as its descriptor lists it. */
  private static ClusterDescriptor cluster() {
    return TestClusters.teamWithDatabase("pgtest");
  }

  private CliRun handover(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("postgres", "handover"));
    args.addAll(List.of(more));
    args.addAll(List.of("--fleet-url", fleet.url().toString(), "--etcd-url", ETCD.endpoints()));
    return CliRun.run(cluster(), args.toArray(String[]::new));
  }

  private void put(String key, String value) throws Exception {
    etcd.getKVClient().put(bytes(SCOPE + key), bytes(value)).get(5, TimeUnit.SECONDS);
  }

  @Test
  void stopsThePrimarysUnitUntilItsStandbyLeadsThenStartsItAgain() throws Exception {
    put("leader", "gerrit-db-2");
    put("sync", "{\"leader\":\"gerrit-db-2\",\"sync_standby\":\"gerrit-db-3\",\"quorum\":0}");
    Thread patroni =
        new Thread(
            () -> {
              try {
                while (!"loaded".equals(fleet.desiredStates().get("gerrit-db@2.service"))) {
                  Thread.sleep(20);
                }
                put("leader", "gerrit-db-3");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    patroni.start();

    CliRun run = handover("gerrit-db");
    patroni.join(10_000);

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.out()
            .matches(
                "gerrit-db: the primary moved from gerrit-db-2 to gerrit-db-3 in [0-9]+ ms;"
                    + " gerrit-db@2.service started again, its member rejoins as a standby\n"),
        run.toString());
    assertTrue(
        run.err()
            .contains("Stopping gerrit-db@2.service (primary gerrit-db-2); gerrit-db-3 takes over"),
        run.toString());
    assertEquals("launched", fleet.desiredStates().get("gerrit-db@2.service"));
    List<String> setStates =
        fleet.requests().stream()
            .filter(r -> r.contains("gerrit-db@2.service") && r.startsWith("PUT"))
            .toList();
    assertEquals(2, setStates.size(), "stop, then start again: " + fleet.requests());
    assertEquals(
        "launched",
        fleet.desiredStates().get("gerrit-db@1.service"),
        "the other members are left alone");
  }

  @Test
  void refusesWithoutASynchronousStandbyAndChangesNothing() throws Exception {
    put("leader", "gerrit-db-2");
    put("sync", "{\"leader\":\"gerrit-db-1\",\"sync_standby\":\"gerrit-db-2\"}");

    CliRun run = handover("gerrit-db");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err().contains("gerrit-db has no synchronous standby of gerrit-db-2 now"),
        run.toString());
    assertTrue(
        fleet.requests().stream().noneMatch(r -> r.startsWith("PUT")),
        "nothing changed: " + fleet.requests());
  }

  @Test
  void refusesWithoutAPrimaryAndForAServiceThatIsNoDatabase() throws Exception {
    CliRun noPrimary = handover("gerrit-db");
    assertEquals(1, noPrimary.exitCode(), noPrimary.toString());
    assertTrue(
        noPrimary
            .err()
            .contains("gerrit-db has no primary now (no leader key " + SCOPE + "leader)"),
        noPrimary.toString());

    CliRun notADatabase = handover("gerrit");
    assertEquals(2, notADatabase.exitCode(), notADatabase.toString());
    assertTrue(
        notADatabase
            .err()
            .contains(
                "gerrit is not a @Postgres database of cluster pgtest (its databases: gerrit-db)"),
        notADatabase.toString());

    CliRun noEtcd =
        CliRun.run(
            cluster(), "postgres", "handover", "gerrit-db", "--fleet-url", fleet.url().toString());
    assertEquals(2, noEtcd.exitCode(), noEtcd.toString());
    assertTrue(noEtcd.err().contains("postgres handover needs fleet and etcd"), noEtcd.toString());
  }

  @Test
  void ctrlCWhileWaitingStartsThePrimarysUnitAgain() throws Exception {
    put("leader", "gerrit-db-2");
    put("sync", "{\"leader\":\"gerrit-db-2\",\"sync_standby\":\"gerrit-db-3\"}");
    CliInAChildJvm.Child client =
        CliInAChildJvm.start(
            "pgtest",
            "postgres",
            "handover",
            "gerrit-db",
            "--timeout",
            "600",
            "--fleet-url",
            fleet.url().toString(),
            "--etcd-url",
            ETCD.endpoints());
    try {
      // liveness bound: a JVM starting on a loaded machine
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!"loaded".equals(fleet.desiredStates().get("gerrit-db@2.service"))
          && System.nanoTime() < deadline
          && client.isAlive()) {
        Thread.sleep(50);
      }
      assertEquals(
          "loaded",
          fleet.desiredStates().get("gerrit-db@2.service"),
          "the handover stopped the primary's unit");

      new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();

      assertTrue(
          client.waitFor(60, TimeUnit.SECONDS), "the client ends on Ctrl-C: " + client.errors());
      String err = client.errors();
      assertEquals(130, client.exitValue(), err);
      assertEquals("launched", fleet.desiredStates().get("gerrit-db@2.service"), err);
      assertTrue(err.contains("interrupted: gerrit-db@2.service was started again"), err);
    } finally {
      client.destroy();
    }
  }

  @Test
  void givesUpAfterTheTimeoutAndStartsThePrimarysUnitAgain() throws Exception {
    put("leader", "gerrit-db-2");
    put("sync", "{\"leader\":\"gerrit-db-2\",\"sync_standby\":\"gerrit-db-3\"}");

    CliRun run = handover("gerrit-db", "--timeout", "1");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "no other member of gerrit-db took the leader key within 1 s;"
                    + " gerrit-db@2.service was started again"),
        run.toString());
    assertEquals("launched", fleet.desiredStates().get("gerrit-db@2.service"));
  }
}
