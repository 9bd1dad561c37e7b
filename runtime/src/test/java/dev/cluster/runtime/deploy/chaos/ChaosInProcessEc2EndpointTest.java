package dev.cluster.runtime.deploy.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliInAChildJvm;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessEc2Endpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code chaos kill-machine} and {@code chaos kill-unit} through the real AWS SDK against
 * in-process CloudFormation and EC2/Auto Scaling endpoints (not AWS), and an in-process server
 * following fleet's API (not fleet).
 */
@ExtendWith(ExampleCredentials.class)
class ChaosInProcessEc2EndpointTest {
  private static final String MAIN_GROUP = "team-MainGroup-1A2B3C";

  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessEc2Endpoint ec2;
  private InProcessFleetServer fleet;

  @BeforeEach
  void startEndpoints() throws Exception {
    cloudFormation = new InProcessCloudFormationEndpoint();
    ec2 = new InProcessEc2Endpoint();
    fleet = new InProcessFleetServer(2);
    CliRun deploy =
        CliRun.run(
            TestClusters.team("deploy/team-template-snapshots.json"),
            "deploy",
            "--yes",
            "--skip-units",
            "--param",
            "KeyName=team-key",
            "--endpoint-url",
            cloudFormation.url().toString());
    assertEquals(0, deploy.exitCode(), deploy.toString());
    ec2.addGroup(MAIN_GROUP, 3);
    ec2.addGroup("team-EdgeGroup-1A2B3C", 1);
    assertEquals(
        0,
        CliRun.run(TestClusters.team(), "units", "start", "--fleet-url", fleet.url().toString())
            .exitCode());
  }

  @AfterEach
  void stopEndpoints() {
    cloudFormation.close();
    ec2.close();
    fleet.close();
  }

  private CliRun chaos(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of("chaos"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--endpoint-url",
            cloudFormation.url().toString(),
            "--fleet-url",
            fleet.url().toString()));
    if (args[0].equals("kill-machine")) {
      all.addAll(List.of("--ec2-endpoint-url", ec2.url().toString()));
    }
    return CliRun.withInput(TestClusters.team(), stdin, all.toArray(String[]::new));
  }

  @Test
  void killMachineTerminatesAnInstanceOfTheGroupAndWatchesUntilTheGroupReplacedIt() {
    List<String> before = ec2.instances(MAIN_GROUP);

    CliRun run = chaos("", "kill-machine", "main", "--yes");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(1, ec2.terminated().size());
    String killed = ec2.terminated().get(0);
    assertTrue(before.contains(killed + ":InService"), before + " " + killed);
    List<String> after = ec2.instances(MAIN_GROUP);
    assertEquals(3, after.stream().filter(i -> i.endsWith(":InService")).count(), after.toString());
    assertFalse(after.stream().anyMatch(i -> i.startsWith(killed)), after.toString());
    assertTrue(
        run.out()
            .startsWith(
                "Killed "
                    + killed
                    + " (node group main, autoscaling group "
                    + MAIN_GROUP
                    + "); the cluster was whole again after "),
        run.out());
    double seconds = Double.parseDouble(run.out().replaceAll("(?s).*after ([0-9.]+)s\n", "$1"));
    assertTrue(
        seconds >= 0.4,
        "terminated, then replaced 200 ms later, InService 200 ms after that: " + seconds);
    assertEquals(
        List.of("DescribeAutoScalingGroups", "TerminateInstances"), ec2.actions().subList(0, 2));
  }

  @Test
  void aDryRunOrAWrongConfirmationKillsNothing() {
    CliRun dryRun = chaos("", "kill-machine", "main", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertTrue(dryRun.out().startsWith("Dry run: chaos kill-machine would kill i-0"), dryRun.out());

    CliRun wrong = chaos("edge\n", "kill-machine", "main");
    assertEquals(1, wrong.exitCode(), wrong.toString());
    assertTrue(wrong.err().contains("Type the node group name to confirm"), wrong.err());
    assertTrue(
        wrong.err().contains("error: not confirmed; nothing was killed (type main, or pass --yes)"),
        wrong.err());
    assertEquals(List.of(), ec2.terminated());

    CliRun typed = chaos("main\n", "kill-machine", "main");
    assertEquals(0, typed.exitCode(), typed.toString());
    assertEquals(1, ec2.terminated().size());
  }

  @Test
  void aGroupThatDoesNotReplaceTheMachineFailsAfterTheTimeout() {
    ec2.stopReplacing();

    CliRun run = chaos("", "kill-machine", "main", "--yes", "--timeout", "1");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "error: the cluster was not whole again within 1s; still missing: "
                    + MAIN_GROUP
                    + " (2 of 3 InService)"),
        run.err());
  }

  @Test
  void anUnknownNodeGroupIsAUsageError() {
    CliRun run = chaos("", "kill-machine", "database", "--yes");
    assertEquals(2, run.exitCode());
    assertEquals("error: unknown node group 'database' (node groups: main, edge)\n", run.err());
    assertEquals(List.of(), ec2.actions());
  }

  @Test
  void killUnitDestroysARunningInstanceOfTheServiceAndStartsItAgain() {
    CliRun run = chaos("", "kill-unit", "gerrit", "--yes");

    assertEquals(0, run.exitCode(), run.toString());
    List<String> deleted = fleet.requests().stream().filter(r -> r.startsWith("DELETE ")).toList();
    assertEquals(1, deleted.size(), deleted.toString());
    assertTrue(
        List.of("DELETE /units/gerrit@1.service", "DELETE /units/gerrit@2.service")
            .contains(deleted.get(0)));
    assertEquals(
        Map.of(
            "gerrit@.service", "inactive",
            "gerrit@1.service", "launched",
            "gerrit@2.service", "launched",
            "dns-updater.service", "launched"),
        fleet.desiredStates());
    assertTrue(
        run.out()
            .matches(
                "Killed gerrit@[12]\\.service \\(service gerrit\\); the cluster was whole again after [0-9.]+s\n"),
        run.out());
  }

  /**
   * Ctrl-C after the kill, before the unit is started again: the client submits and launches it on
   * its way out.
   */
  @Test
  void ctrlCAfterTheKillStartsTheUnitAgain() throws Exception {
    fleet.staleStates(Integer.MAX_VALUE);
    CliInAChildJvm.Child client =
        CliInAChildJvm.start(
            "team",
            "chaos",
            "kill-unit",
            "dns",
            "--yes",
            "--endpoint-url",
            cloudFormation.url().toString(),
            "--fleet-url",
            fleet.url().toString());
    try {
      // liveness bound: a JVM starting on a loaded machine
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
      while (fleet.desiredStates().containsKey("dns-updater.service")
          && System.nanoTime() < deadline
          && client.isAlive()) {
        Thread.sleep(50);
      }
      assertTrue(
          !fleet.desiredStates().containsKey("dns-updater.service"),
          "the unit was killed: " + fleet.desiredStates());

      new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();

      assertTrue(
          client.waitFor(60, java.util.concurrent.TimeUnit.SECONDS),
          "the client ends on Ctrl-C: " + client.errors());
      String err = client.errors();
      assertEquals(130, client.exitValue(), err);
      assertTrue(
          err.contains("interrupted: dns-updater.service submitted and launched again"), err);
      assertEquals("launched", fleet.desiredStates().get("dns-updater.service"), err);
    } finally {
      client.destroy();
    }
  }

  @Test
  void killUnitWaitsUntilFleetNoLongerReportsTheKilledUnitBeforeStartingItAgain() {
    fleet.staleStates(4);

    CliRun run = chaos("", "kill-unit", "dns", "--yes");

    assertEquals(0, run.exitCode(), run.toString());
    List<String> requests = fleet.requests();
    int deleted = requests.indexOf("DELETE /units/dns-updater.service");
    int restarted = requests.lastIndexOf("PUT /units/dns-updater.service");
    long statePollsBetween =
        requests.subList(deleted, restarted).stream().filter(r -> r.equals("GET /state")).count();
    assertTrue(statePollsBetween >= 4, "the stale state is polled away first: " + requests);
    assertEquals("launched", fleet.desiredStates().get("dns-updater.service"));
  }

  @Test
  void killUnitDryRunChangesNothingAndAUnitThatDoesNotComeBackTimesOut() {
    int requestsBefore = fleet.requests().size();
    CliRun dryRun = chaos("", "kill-unit", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.toString());
    assertTrue(dryRun.out().startsWith("Dry run: chaos kill-unit would kill "), dryRun.out());
    assertFalse(
        dryRun.out().contains("gerrit@.service"), "a template is never killed: " + dryRun.out());
    List<String> dryRunRequests = fleet.requests().subList(requestsBefore, fleet.requests().size());
    assertTrue(
        dryRunRequests.stream().allMatch(r -> r.startsWith("GET ")),
        "a dry run only reads: " + dryRunRequests);

    fleet.failWhenLaunched("dns-updater.service");
    CliRun failing = chaos("", "kill-unit", "dns", "--yes", "--timeout", "1");
    assertEquals(1, failing.exitCode(), failing.toString());
    assertTrue(
        failing.err().contains("still missing: dns-updater.service (not running yet)"),
        failing.err());
  }
}
