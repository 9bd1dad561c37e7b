package dev.cluster.runtime.deploy.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.runtime.deploy.CliInAChildJvm;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code units start} rolling a changed template's running instances, against {@link
 * InProcessFleetServer} (not fleet).
 */
class RollingUpdateInProcessFleetServerTest {
  private InProcessFleetServer fleet;

  @BeforeEach
  void start() throws Exception {
    fleet = new InProcessFleetServer(2);
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  private static ClusterDescriptor gerrit(String resource) {
    return TestClusters.gerrit(resource);
  }

  private CliRun unitsStart(ClusterDescriptor cluster) {
    return CliRun.run(
        cluster, "units", "start", "--fleet-url", fleet.url().toString(), "--timeout", "5");
  }

  private JsonNode options(String unit) {
    return fleet.unit(unit).get("options");
  }

  @Test
  void changedInstancesAreReplacedOneAtATimeEachRunningBeforeTheNext() {
    assertEquals(0, unitsStart(gerrit("deploy/units/gerrit@.service")).exitCode());

    CliRun roll = unitsStart(gerrit("deploy/units/gerrit@.service.v2"));

    assertEquals(0, roll.exitCode(), roll.toString());
    for (int i = 1; i <= 3; i++) {
      assertEquals(options("gerrit@.service"), options("gerrit@" + i + ".service"));
      assertEquals("launched", fleet.desiredStates().get("gerrit@" + i + ".service"));
    }
    List<String> requests = fleet.requests();
    int secondReplaced = requests.indexOf("DELETE /units/gerrit@2.service");
    int firstLaunched = requests.lastIndexOf("PUT /units/gerrit@1.service");
    int stateReadBetween = requests.subList(firstLaunched, secondReplaced).indexOf("GET /state");
    assertTrue(
        firstLaunched < secondReplaced && stateReadBetween > 0,
        "instance 2 is replaced only after fleet's state was read for instance 1: " + requests);
    assertTrue(roll.out().contains("gerrit@3.service  replaced (unit file changed)"), roll.out());
  }

  @Test
  void aFailingInstanceStopsTheRollAndLeavesTheRestOnTheOldUnitFile() {
    assertEquals(0, unitsStart(gerrit("deploy/units/gerrit@.service")).exitCode());
    JsonNode old = options("gerrit@3.service");
    fleet.failWhenLaunched("gerrit@2.service");

    CliRun roll = unitsStart(gerrit("deploy/units/gerrit@.service.v2"));

    assertEquals(1, roll.exitCode(), roll.toString());
    assertEquals(options("gerrit@.service"), options("gerrit@1.service"), "instance 1 rolled");
    assertEquals(
        options("gerrit@.service"),
        options("gerrit@2.service"),
        "instance 2 got the new unit and failed");
    assertEquals(old, options("gerrit@3.service"), "instance 3 still has the old unit");
    assertNotEquals(old, options("gerrit@1.service"));
    assertEquals("launched", fleet.desiredStates().get("gerrit@3.service"));
    assertTrue(
        roll.err()
            .contains(
                "error: rolling update of gerrit@.service stopped at gerrit@2.service:"
                    + " systemd reports it failed/failed on machine machine-1"),
        roll.err());
    assertTrue(
        roll.err()
            .contains(
                "Replaced before it: gerrit@1.service. Left on the old unit file: gerrit@3.service."),
        roll.err());
  }

  @Test
  void theReplacedInstancesStaleRunningStateIsNotTakenForTheNewOne() {
    assertEquals(0, unitsStart(gerrit("deploy/units/gerrit@.service")).exitCode());
    JsonNode old = options("gerrit@3.service");
    fleet.staleStates(3);
    fleet.failWhenLaunched("gerrit@2.service");

    CliRun roll = unitsStart(gerrit("deploy/units/gerrit@.service.v2"));

    assertEquals(
        1,
        roll.exitCode(),
        "the old gerrit@2's active/running (old hash) is not the new one's: " + roll);
    assertEquals(old, options("gerrit@3.service"));
    assertTrue(
        roll.err().contains("stopped at gerrit@2.service: systemd reports it failed/failed"),
        roll.err());
  }

  /**
   * Ctrl-C while a replaced instance waits for fleet to unload the old one (between the destroy and
   * the submit): the client submits and launches it again with its new file on its way out, so no
   * replica is left out of fleet.
   */
  @Test
  void ctrlCInTheMiddleOfARollSubmitsTheReplicaItTookDown() throws Exception {
    assertEquals(0, unitsStart(gerrit("deploy/units/gerrit@.service")).exitCode());
    fleet.staleStates(Integer.MAX_VALUE);

    CliInAChildJvm.Child client =
        CliInAChildJvm.start(
            "gerrit-v2",
            "units",
            "start",
            "--fleet-url",
            fleet.url().toString(),
            "--timeout",
            "600");
    try {
      // liveness bound: a JVM starting on a loaded machine
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
      while (fleet.unit("gerrit@1.service") != null
          && System.nanoTime() < deadline
          && client.isAlive()) {
        Thread.sleep(50);
      }
      assertEquals(
          null,
          fleet.unit("gerrit@1.service"),
          "the roll took gerrit@1 out of fleet and waits for it to unload");

      new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();

      assertTrue(
          client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
          "the client ends on Ctrl-C: " + client.errors());
      String err = client.errors();
      assertEquals(130, client.exitValue(), err);
      assertTrue(
          err.contains(
              "interrupted: gerrit@1.service submitted again (new unit file) and launched"),
          err);
      assertEquals("launched", fleet.desiredStates().get("gerrit@1.service"), err);
      assertEquals(
          options("gerrit@.service"), options("gerrit@1.service"), "with the new file: " + err);
    } finally {
      client.destroy();
    }
  }

  /**
   * The real-fleet test's shop units (deploy/real-fleet/): a oneshot RemainAfterExit pod and a
   * replica bound to it.
   */
  private static ClusterDescriptor shop(String pod, String app) {
    return new ClusterDescriptor(
        "shop",
        "eu-west-1",
        "deploy/team-template.json",
        List.of(),
        List.of(
            new UnitFile(
                "shop-pod@.service", "deploy/real-fleet/shop-pod@.service" + pod, "shop", 2),
            new UnitFile("shop@.service", "deploy/real-fleet/shop@.service" + app, "shop", 2)),
        List.of(),
        List.of(new NodeGroupInfo("main", "MAIN", 2, 2, List.of("m6i.large"), "MainGroupName")),
        List.of(new ServiceInfo("shop", "main", 2, List.of("shop-pod@.service", "shop@.service"))));
  }

  @Test
  void aChangedOneshotPodRollsWithItsBoundReplicaAndCountsUpWhenActiveExited() {
    assertEquals(0, unitsStart(shop("", "")).exitCode());

    CliRun roll = unitsStart(shop(".v2", ""));

    assertEquals(0, roll.exitCode(), "a pod reports active/exited, never running: " + roll);
    assertTrue(roll.out().contains("shop-pod@1.service  replaced (unit file changed)"), roll.out());
    assertTrue(
        roll.out().contains("shop@1.service      restarted (bound to a replaced unit)"),
        roll.out());
    assertTrue(
        roll.out().contains("shop@2.service      restarted (bound to a replaced unit)"),
        roll.out());
    List<String> requests = fleet.requests();
    int appDown = requests.indexOf("DELETE /units/shop@1.service");
    int podDown = requests.indexOf("DELETE /units/shop-pod@1.service");
    int podUp = requests.lastIndexOf("PUT /units/shop-pod@1.service");
    int appUp = requests.lastIndexOf("PUT /units/shop@1.service");
    int nextPodDown = requests.indexOf("DELETE /units/shop-pod@2.service");
    assertTrue(
        0 <= appDown
            && appDown < podDown
            && podDown < podUp
            && podUp < appUp
            && appUp < nextPodDown,
        "the replica goes down before its pod, comes up after it, and the next pod waits for both: "
            + requests);
    assertTrue(requests.subList(appUp, nextPodDown).contains("GET /state"), requests.toString());
    assertEquals("launched", fleet.desiredStates().get("shop@2.service"));
  }

  @Test
  void thePlanNamesTheBoundUnitsARollRestarts() {
    assertEquals(0, unitsStart(shop("", "")).exitCode());

    List<UnitChange> plan =
        UnitOperations.planStart(
            DeclaredUnit.of(shop(".v2", ""), List.of()), new FleetClient(fleet.url()).units());

    assertEquals(
        List.of(
            new UnitChange("shop-pod@.service", UnitAction.REPLACE),
            new UnitChange("shop-pod@1.service", UnitAction.REPLACE),
            new UnitChange("shop-pod@2.service", UnitAction.REPLACE),
            new UnitChange("shop@.service", UnitAction.UNCHANGED),
            new UnitChange("shop@1.service", UnitAction.RESTART),
            new UnitChange("shop@2.service", UnitAction.RESTART)),
        plan);
  }

  @Test
  void stoppedInstancesAreReplacedWithoutWaiting() {
    assertEquals(0, unitsStart(gerrit("deploy/units/gerrit@.service")).exitCode());
    assertEquals(
        0,
        CliRun.run(
                gerrit("deploy/units/gerrit@.service"),
                "units",
                "stop",
                "--fleet-url",
                fleet.url().toString())
            .exitCode());
    fleet.failWhenLaunched("gerrit@2.service");

    CliRun start = unitsStart(gerrit("deploy/units/gerrit@.service.v2"));

    assertEquals(0, start.exitCode(), "nothing ran, so nothing rolls: " + start);
    assertEquals(options("gerrit@.service"), options("gerrit@3.service"));
  }
}
