package dev.cluster.runtime.deploy.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code units ...} commands end to end against {@link InProcessFleetServer} (not fleet itself).
 */
class UnitsCommandInProcessFleetServerTest {
  private InProcessFleetServer fleet;

  @BeforeEach
  void start() throws Exception {
    fleet = new InProcessFleetServer(2);
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  private CliRun units(ClusterDescriptor cluster, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "units";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--fleet-url";
    all[args.length + 2] = fleet.url().toString();
    return CliRun.run(cluster, all);
  }

  @Test
  void startSubmitsTheTemplateInactiveAndLaunchesItsInstances() {
    CliRun run = units(TestClusters.team(), "start");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        Map.of(
            "gerrit@.service", "inactive",
            "gerrit@1.service", "launched",
            "gerrit@2.service", "launched",
            "dns-updater.service", "launched"),
        fleet.desiredStates());
    assertEquals(
        fleet.unit("gerrit@.service").get("options"),
        fleet.unit("gerrit@2.service").get("options"));
    assertTrue(run.out().contains("gerrit@1.service     started"), run.out());
  }

  @Test
  void submitThenStopThenDestroyOneService() {
    assertEquals(0, units(TestClusters.team(), "submit", "gerrit").exitCode());
    assertEquals(
        Map.of(
            "gerrit@.service",
            "inactive",
            "gerrit@1.service",
            "inactive",
            "gerrit@2.service",
            "inactive"),
        fleet.desiredStates());

    assertEquals(0, units(TestClusters.team(), "start", "gerrit").exitCode());
    CliRun stop = units(TestClusters.team(), "stop", "gerrit");
    assertEquals(0, stop.exitCode(), stop.toString());
    assertEquals(
        Map.of(
            "gerrit@.service",
            "inactive",
            "gerrit@1.service",
            "loaded",
            "gerrit@2.service",
            "loaded"),
        fleet.desiredStates());

    CliRun destroy = units(TestClusters.team(), "destroy", "gerrit");
    assertEquals(0, destroy.exitCode(), destroy.toString());
    assertEquals(Map.of(), fleet.desiredStates());
    assertTrue(
        fleet.requests().indexOf("DELETE /units/gerrit@2.service")
            < fleet.requests().indexOf("DELETE /units/gerrit@.service"));
  }

  @Test
  void startingTwiceChangesNothingAndAChangedUnitFileIsReplaced() {
    units(TestClusters.team(), "start");
    fleet.preload(
        "gerrit@1.service", "launched", List.of(new UnitOption("Service", "ExecStart", "/old")));

    CliRun again = units(TestClusters.team(), "start");

    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(
        again.out().contains("gerrit@1.service     replaced (unit file changed)"), again.out());
    assertTrue(again.out().contains("gerrit@2.service     unchanged"), again.out());
    assertEquals(
        fleet.unit("gerrit@.service").get("options"),
        fleet.unit("gerrit@1.service").get("options"));
  }

  @Test
  void aUnitFleetRejectsFailsWithFleetsMessage() {
    ClusterDescriptor cluster =
        TestClusters.oneUnit("team", "pinned.service", "deploy/units/pinned.service");

    CliRun run = units(cluster, "start");

    assertEquals(1, run.exitCode());
    assertEquals(
        "error: fleet refused PUT pinned.service: MachineID cannot be used with Conflicts (HTTP 400)\n",
        run.err());
  }

  @Test
  void unknownServiceAndMissingFleetAreUsageErrors() {
    CliRun unknown = units(TestClusters.team(), "start", "jenkins");
    assertEquals(2, unknown.exitCode());
    assertEquals("error: unknown service 'jenkins' (services: gerrit, dns)\n", unknown.err());

    CliRun noFleet = CliRun.run(TestClusters.team(), "units", "start");
    assertEquals(2, noFleet.exitCode());
    assertTrue(noFleet.err().contains("pass --fleet-url URL or --tunnel USER@HOST"), noFleet.err());
    assertEquals(List.of(), fleet.requests());
  }

  @Test
  void sshTunnelForwardsLocalPortsToFleetsAndEtcdsPortsOnTheNode() {
    assertEquals(
        List.of(
            "ssh",
            "-N",
            "-o",
            "ExitOnForwardFailure=yes",
            "-o",
            "BatchMode=yes",
            "-L",
            "40001:127.0.0.1:49153",
            "-L",
            "40002:127.0.0.1:2379",
            "core@10.0.0.5"),
        SshTunnel.command(40001, 40002, "core@10.0.0.5"));
  }
}
