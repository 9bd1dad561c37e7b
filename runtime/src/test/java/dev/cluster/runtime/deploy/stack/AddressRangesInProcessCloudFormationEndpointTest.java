package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.PortOpening;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The address-range parameters (AdminCidr, a port's openToParameter) through plan, deploy and
 * describe, with the ports the processor put in the descriptor, and the real AWS SDK against an
 * in-process endpoint speaking CloudFormation's query protocol (not AWS): plan shows what each
 * opens; the whole internet is refused, given or kept, before any change set, unless {@code
 * --allow-world PARAM} says it is meant.
 */
@ExtendWith(ExampleCredentials.class)
class AddressRangesInProcessCloudFormationEndpointTest {
  private static final ClusterDescriptor CLUSTER = withRanges();

  private InProcessCloudFormationEndpoint cloudFormation;

  @BeforeEach
  void startEndpoint() throws Exception {
    cloudFormation = new InProcessCloudFormationEndpoint();
  }

  @AfterEach
  void stopEndpoint() {
    cloudFormation.close();
  }

  @Test
  void planShowsWhichPortsEachAddressRangeOpens() {
    CliRun plan =
        cli(
            "plan",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32",
            "--param",
            "GitSshCidr=198.51.100.0/24");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.out()
            .contains(
                """
                Ports open to address-range parameters:
                  PARAMETER   VALUE            OPENS
                  AdminCidr   203.0.113.7/32   tcp 22 on main, tcp 22 on edge
                  GitSshCidr  198.51.100.0/24  tcp 29418 on main
                """),
        plan.out());
  }

  @Test
  void theWholeInternetIsRefusedBeforeAnyChangeSetNamingWhatItWouldOpen() {
    CliRun plan =
        cli(
            "plan",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=0.0.0.0/0",
            "--param",
            "GitSshCidr=::/0");
    CliRun deploy =
        cli(
            "deploy",
            "--yes",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=0.0.0.0/0",
            "--param",
            "GitSshCidr=10.1.0.0/16");

    assertEquals(2, plan.exitCode(), plan.toString());
    assertEquals(
        """
                error: AdminCidr=0.0.0.0/0 would open tcp 22 on main, tcp 22 on edge to the whole internet
                GitSshCidr=::/0 would open tcp 29418 on main to the whole internet
                Give a narrower range (e.g. --param AdminCidr=203.0.113.7/32), or, if the whole internet is meant, pass \
                --allow-world AdminCidr --allow-world GitSshCidr. Nothing was changed.
                """,
        plan.err());
    assertEquals(2, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy
            .err()
            .startsWith(
                "error: AdminCidr=0.0.0.0/0 would open tcp 22 on main, tcp 22 on edge to the whole"
                    + " internet\nGive a narrower range"),
        deploy.err());
    assertFalse(
        cloudFormation.actions().contains("CreateChangeSet"), cloudFormation.actions().toString());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void allowWorldLetsThroughOnlyTheParameterItNamesAndPlanAndDeploySaySo() {
    CliRun other =
        cli(
            "plan",
            "--allow-world",
            "GitSshCidr",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=0.0.0.0/0",
            "--param",
            "GitSshCidr=0.0.0.0/0");
    assertEquals(2, other.exitCode(), other.toString());
    assertTrue(other.err().startsWith("error: AdminCidr=0.0.0.0/0 would open"), other.err());
    assertFalse(other.err().contains("GitSshCidr=0.0.0.0/0 would open"), other.err());

    CliRun plan =
        cli(
            "plan",
            "--allow-world",
            "AdminCidr",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=0.0.0.0/0",
            "--param",
            "GitSshCidr=198.51.100.0/24");
    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.out()
            .contains(
                "  AdminCidr   0.0.0.0/0 = THE WHOLE INTERNET (--allow-world)  tcp 22 on main, tcp 22 on edge\n"),
        plan.out());

    CliRun deploy =
        cli(
            "deploy",
            "--yes",
            "--skip-units",
            "--allow-world",
            "AdminCidr",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=0.0.0.0/0",
            "--param",
            "GitSshCidr=198.51.100.0/24");
    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy
            .err()
            .contains(
                "Opening tcp 22 on main, tcp 22 on edge to the whole internet: AdminCidr=0.0.0.0/0"
                    + " (--allow-world AdminCidr)"),
        deploy.err());
    assertEquals("0.0.0.0/0", cloudFormation.stackParameters("team").get("AdminCidr"));
  }

  @Test
  void aWholeInternetValueKeptFromTheDeployedStackIsRefusedToo() {
    CliRun allowed =
        cli(
            "deploy",
            "--yes",
            "--skip-units",
            "--allow-world",
            "AdminCidr",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=0.0.0.0/0",
            "--param",
            "GitSshCidr=198.51.100.0/24");
    assertEquals(0, allowed.exitCode(), allowed.toString());
    int actionsBefore = cloudFormation.actions().size();

    CliRun plan = cli("plan", "--param", "InstanceType=t3.large");

    assertEquals(2, plan.exitCode(), plan.toString());
    assertTrue(
        plan.err()
            .startsWith(
                "error: AdminCidr keeps the deployed value 0.0.0.0/0, which would open tcp 22 on main,"
                    + " tcp 22 on edge to the whole internet\n"),
        plan.err());
    assertFalse(
        cloudFormation
            .actions()
            .subList(actionsBefore, cloudFormation.actions().size())
            .contains("CreateChangeSet"));

    CliRun narrowed = cli("plan", "--param", "AdminCidr=203.0.113.7/32");
    assertEquals(0, narrowed.exitCode(), narrowed.toString());
    assertTrue(
        narrowed.out().contains("  GitSshCidr  198.51.100.0/24 (kept)  tcp 29418 on main\n"),
        narrowed.out());
  }

  @Test
  void allowWorldNamingAParameterThatOpensNoPortIsAUsageError() {
    CliRun run =
        cli(
            "plan",
            "--allow-world",
            "KeyName",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32",
            "--param",
            "GitSshCidr=198.51.100.0/24");

    assertEquals(2, run.exitCode(), run.toString());
    assertEquals(
        "error: --allow-world KeyName: KeyName is not a stack parameter that opens ports (those that do: AdminCidr,"
            + " GitSshCidr)\n",
        run.err());
    assertFalse(cloudFormation.actions().contains("CreateChangeSet"));
  }

  @Test
  void describeListsThePortsEachAddressRangeOpensAndWhy() {
    CliRun describe = CliRun.run(CLUSTER, "describe");

    assertEquals(0, describe.exitCode(), describe.toString());
    assertTrue(
        describe
            .out()
            .contains(
                """
                Ports open to address-range parameters (plan and deploy refuse 0.0.0.0/0 or ::/0 without --allow-world PARAM)
                  PARAMETER   OPENS              WHY
                  AdminCidr   tcp 22 on main     SSH from the admin network
                  AdminCidr   tcp 22 on edge     SSH from the admin network
                  GitSshCidr  tcp 29418 on main  gerrit ssh from GitSshCidr
                """),
        describe.out());
  }

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint-url", cloudFormation.url().toString()));
    return CliRun.run(CLUSTER, all.toArray(String[]::new));
  }

  /**
   * The team cluster with SSH from the admins' range on both groups and Gerrit's SSH from another,
   * as generated.
   */
  private static ClusterDescriptor withRanges() {
    ClusterDescriptor team = TestClusters.team("deploy/team-template-ranges.json");
    List<StackParameter> parameters = new ArrayList<>(team.parameters());
    String ssh = "SSH from the admin network";
    parameters.add(
        new StackParameter(
            "AdminCidr",
            "Address range allowed to SSH to the machines",
            Optional.empty(),
            List.of(
                new PortOpening("main", "tcp", 22, 22, ssh),
                new PortOpening("edge", "tcp", 22, 22, ssh))));
    parameters.add(
        new StackParameter(
            "GitSshCidr",
            "Address range allowed to reach the ports that name GitSshCidr",
            Optional.empty(),
            List.of(new PortOpening("main", "tcp", 29418, 29418, "gerrit ssh from GitSshCidr"))));
    return new ClusterDescriptor(
        team.name(),
        team.defaultRegion(),
        team.templateResource(),
        parameters,
        team.units(),
        team.secrets(),
        team.nodeGroups(),
        team.services());
  }
}
