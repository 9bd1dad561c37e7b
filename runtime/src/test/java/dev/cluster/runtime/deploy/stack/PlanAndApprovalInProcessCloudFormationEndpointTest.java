package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * plan's property values, replacements and security summary, its exit codes and saved plans, and
 * deploy's approval, through the real AWS SDK against an in-process endpoint speaking
 * CloudFormation's query protocol (not AWS). Where nothing may change, the endpoint's call log
 * shows no ExecuteChangeSet.
 */
@ExtendWith(ExampleCredentials.class)
class PlanAndApprovalInProcessCloudFormationEndpointTest {
  private static final ClusterDescriptor SECURE = withAdminCidr("deploy/team-template-secure.json");
  private static final ClusterDescriptor SECURE_V2 =
      withAdminCidr("deploy/team-template-secure-v2.json");

  private InProcessCloudFormationEndpoint cloudFormation;
  @TempDir Path folder;

  @BeforeEach
  void startEndpoint() throws Exception {
    cloudFormation = new InProcessCloudFormationEndpoint();
  }

  @AfterEach
  void stopEndpoint() {
    cloudFormation.close();
  }

  private static ClusterDescriptor withAdminCidr(String template) {
    ClusterDescriptor team = TestClusters.team(template);
    return new ClusterDescriptor(
        "team",
        "eu-west-1",
        template,
        Stream.concat(
                team.parameters().stream(),
                Stream.of(new StackParameter("AdminCidr", "ssh from", Optional.empty())))
            .toList(),
        team.units(),
        team.secrets(),
        team.nodeGroups(),
        team.services());
  }

  private String[] withEndpoint(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint-url", cloudFormation.url().toString()));
    return all.toArray(String[]::new);
  }

  private CliRun cli(ClusterDescriptor cluster, String... args) {
    return CliRun.run(cluster, withEndpoint(args));
  }

  private CliRun atTerminal(ClusterDescriptor cluster, String typed, String... args) {
    return CliRun.onTerminal(cluster, typed, withEndpoint(args));
  }

  private void deployed(ClusterDescriptor cluster, String adminCidr) {
    CliRun deploy =
        cli(
            cluster,
            "deploy",
            "--yes",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=" + adminCidr);
    assertEquals(0, deploy.exitCode(), deploy.toString());
  }

  private List<String> actionsSince(int before) {
    return cloudFormation.actions().subList(before, cloudFormation.actions().size());
  }

  @Test
  void planShowsEachChangedPropertyBeforeAndAfterTheReplacementsAndWhatOpensOrClosesAccess() {
    deployed(SECURE, "203.0.113.7/32");
    int before = cloudFormation.actions().size();

    CliRun plan =
        cli(SECURE_V2, "plan", "--param", "KeyName=k", "--param", "AdminCidr=203.0.113.7/32");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertEquals(
        """
                Stack team in eu-west-1 would be updated:
                  ACTION  RESOURCE            TYPE                            REPLACEMENT
                  Modify  ClusterVpc          AWS::EC2::VPC                   True
                  Modify  MainSecurityGroup   AWS::EC2::SecurityGroup         False
                  Add     MainFromWebTCP8080  AWS::EC2::SecurityGroupIngress
                  Modify  MainRole            AWS::IAM::Role                  False
                  Remove  MainFromAdminTCP22  AWS::EC2::SecurityGroupIngress
                Changes to modified resources:
                  ClusterVpc  REPLACED: a new one is created and the old one deleted, with what it held
                      CidrBlock: 10.0.0.0/16 -> 10.1.0.0/16  (requires replacement)
                  MainSecurityGroup
                      SecurityGroupIngress/0/CidrIp: 10.0.0.0/8 -> 0.0.0.0/0
                  MainRole
                      Policies/0/PolicyDocument/Statement/0/Action/1: (none) -> ec2:TerminateInstances
                Security-relevant changes:
                  RESOURCE            CHANGE   WHAT
                  MainSecurityGroup   closes   ingress tcp 443 from 10.0.0.0/8
                  MainSecurityGroup   opens    ingress tcp 443 from 0.0.0.0/0 (THE WHOLE INTERNET)
                  MainFromWebTCP8080  opens    ingress tcp 8080-8089 from 198.51.100.0/24
                  MainRole            changes  IAM Role (Policies)
                  MainFromAdminTCP22  closes   ingress tcp 22 from 203.0.113.7/32
                Plan: 1 to add, 3 to modify (1 replaced), 1 to remove

                Units: fleet not consulted (pass --fleet-url URL or --tunnel USER@HOST to compare units)
                """,
        plan.out());
    assertEquals(0, cloudFormation.changeSetCount());
    assertFalse(actionsSince(before).contains("ExecuteChangeSet"), actionsSince(before).toString());
  }

  @Test
  void aParameterThatMovesARuleShowsTheOldAndNewSourceAndWhichParameterMovedIt() throws Exception {
    deployed(SECURE, "203.0.113.7/32");

    CliRun plan =
        cli(SECURE, "plan", "--param", "KeyName=k", "--param", "AdminCidr=198.51.100.7/32");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.out()
            .contains(
                """
                  Modify  MainFromAdminTCP22  AWS::EC2::SecurityGroupIngress  Conditional
                Changes to modified resources:
                  MainFromAdminTCP22  MAY BE REPLACED: CloudFormation decides while it deploys
                      CidrIp: 203.0.113.7/32 -> 198.51.100.7/32  (parameter AdminCidr)
                Security-relevant changes:
                  RESOURCE            CHANGE  WHAT
                  MainFromAdminTCP22  closes  ingress tcp 22 from 203.0.113.7/32
                  MainFromAdminTCP22  opens   ingress tcp 22 from 198.51.100.7/32
                Plan: 0 to add, 1 to modify (0 replaced, 1 maybe replaced), 0 to remove
                """),
        plan.out());

    JsonNode json =
        new ObjectMapper()
            .readTree(
                cli(
                        SECURE,
                        "plan",
                        "--param",
                        "KeyName=k",
                        "--param",
                        "AdminCidr=198.51.100.7/32",
                        "--output",
                        "json")
                    .out());
    JsonNode property = json.get("stackChanges").get(0).get("properties").get(0);
    assertEquals("CidrIp", property.get("path").asText());
    assertEquals("203.0.113.7/32", property.get("before").asText());
    assertEquals("198.51.100.7/32", property.get("after").asText());
    assertEquals("opens", json.get("securityChanges").get(1).get("change").asText());
  }

  @Test
  void detailedExitCodeIsZeroWithoutChangesTwoWithChangesAndOneOnAnError() {
    CliRun create =
        cli(
            SECURE,
            "plan",
            "--detailed-exitcode",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");
    assertEquals(2, create.exitCode(), create.toString());

    deployed(SECURE, "203.0.113.7/32");
    CliRun unchanged =
        cli(
            SECURE,
            "plan",
            "--detailed-exitcode",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");
    assertEquals(0, unchanged.exitCode(), unchanged.toString());
    assertTrue(
        unchanged.out().startsWith("Stack team in eu-west-1: no changes\n"), unchanged.out());

    CliRun update =
        cli(
            SECURE_V2,
            "plan",
            "--detailed-exitcode",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");
    assertEquals(2, update.exitCode(), update.toString());

    CliRun badParameter = cli(SECURE, "plan", "--detailed-exitcode", "--param", "Colour=blue");
    assertEquals(
        1, badParameter.exitCode(), "a usage error is a failure, not 'changes': " + badParameter);
    assertEquals(
        2,
        cli(SECURE, "plan", "--param", "Colour=blue").exitCode(),
        "without the option a usage error stays 2");
  }

  @Test
  void aPlanWhoseFleetIsUnreachableStillShowsTheStackAndFails() {
    CliRun plan =
        cli(
            SECURE,
            "plan",
            "--detailed-exitcode",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32",
            "--fleet-url",
            "http://127.0.0.1:1");

    assertEquals(1, plan.exitCode(), plan.toString());
    assertTrue(plan.out().startsWith("Stack team in eu-west-1 would be created:\n"), plan.out());
    assertTrue(plan.out().endsWith("Units: fleet not reachable, units not compared\n"), plan.out());
    assertTrue(
        plan.err().contains("error: fleet is unreachable at http://127.0.0.1:1/"), plan.err());
    assertEquals(0, cloudFormation.changeSetCount());
  }

  @Test
  void aPlanWithoutChangesDoesNotShowTheChangeSetCloudFormationFailedForIt() {
    deployed(SECURE, "203.0.113.7/32");
    // long enough for the progress line to show the change set's statuses (it stays quiet for a
    // second)
    cloudFormation.changeSetsComputeFor(Duration.ofMillis(1500));

    CliRun plan =
        cli(SECURE, "plan", "--param", "KeyName=k", "--param", "AdminCidr=203.0.113.7/32");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.err().contains("Computing change set for stack team: CREATE_IN_PROGRESS"), plan.err());
    assertFalse(plan.err().contains("FAILED"), plan.err());
  }

  @Test
  void aSavedPlanIsExecutedExactlyAsPlanned() throws Exception {
    deployed(SECURE, "203.0.113.7/32");
    Path file = folder.resolve("team.plan");

    CliRun plan =
        cli(
            SECURE_V2,
            "plan",
            "--out",
            file.toString(),
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.out()
            .endsWith(
                "Plan saved to "
                    + file
                    + "; apply exactly this plan with: deploy --plan "
                    + file
                    + "\n"),
        plan.out());
    JsonNode saved = new ObjectMapper().readTree(Files.readString(file));
    String changeSet = saved.get("changeSetId").asText();
    assertEquals(
        List.of(changeSet), cloudFormation.changeSetIds(), "the planned change set is kept");

    int before = cloudFormation.actions().size();
    CliRun deploy = cli(SECURE_V2, "deploy", "--yes", "--skip-units", "--plan", file.toString());

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(
        changeSet,
        cloudFormation.executedChangeSets().get(1),
        "after the first deploy's, the planned one");
    assertEquals(2, cloudFormation.executedChangeSets().size());
    assertFalse(actionsSince(before).contains("CreateChangeSet"), actionsSince(before).toString());
    assertEquals(Optional.of("UPDATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        deploy.err().contains("opens    ingress tcp 443 from 0.0.0.0/0 (THE WHOLE INTERNET)"),
        deploy.err());

    CliRun again = cli(SECURE_V2, "deploy", "--yes", "--skip-units", "--plan", file.toString());
    assertEquals(1, again.exitCode(), again.toString());
    assertTrue(again.err().contains("stack team changed since the plan"), again.err());
  }

  @Test
  void aSavedPlanOfANewStackCreatesIt() throws Exception {
    Path file = folder.resolve("new.plan");
    CliRun plan =
        cli(
            SECURE,
            "plan",
            "--out",
            file.toString(),
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");
    assertEquals(0, plan.exitCode(), plan.toString());
    assertEquals(
        Optional.of("REVIEW_IN_PROGRESS"),
        cloudFormation.stackStatus("team"),
        "the plan's stack waits for it");
    assertTrue(
        plan.err().contains("aws cloudformation delete-stack --stack-name team"), plan.err());

    CliRun deploy = cli(SECURE, "deploy", "--yes", "--skip-units", "--plan", file.toString());

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertEquals(
        cloudFormation.executedChangeSets(),
        List.of(new ObjectMapper().readTree(file.toFile()).get("changeSetId").asText()));
    assertTrue(
        deploy.out().startsWith("Stack team in eu-west-1: created (CREATE_COMPLETE)"),
        deploy.out());
  }

  @Test
  void aSavedPlanOfAStackThatMovedSinceIsRefusedAndChangesNothing() {
    deployed(SECURE, "203.0.113.7/32");
    Path file = folder.resolve("team.plan");
    assertEquals(
        0,
        cli(
                SECURE_V2,
                "plan",
                "--out",
                file.toString(),
                "--param",
                "KeyName=k",
                "--param",
                "AdminCidr=203.0.113.7/32")
            .exitCode());
    cloudFormation.updatedElsewhere("team");
    int before = cloudFormation.actions().size();

    CliRun deploy = cli(SECURE_V2, "deploy", "--yes", "--skip-units", "--plan", file.toString());

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertTrue(
        deploy
            .err()
            .startsWith("error: stack team changed since the plan (then CREATE_COMPLETE since "),
        deploy.err());
    assertTrue(deploy.err().contains("nothing was changed. Plan again."), deploy.err());
    assertEquals(List.of("DescribeStacks"), actionsSince(before));
  }

  @Test
  void aSavedPlanWhoseChangeSetIsGoneIsRefusedAndChangesNothing() {
    deployed(SECURE, "203.0.113.7/32");
    Path file = folder.resolve("team.plan");
    assertEquals(
        0,
        cli(
                SECURE_V2,
                "plan",
                "--out",
                file.toString(),
                "--param",
                "KeyName=k",
                "--param",
                "AdminCidr=203.0.113.7/32")
            .exitCode());
    try (CloudFormationClient client =
        CloudFormationClient.builder()
            .endpointOverride(cloudFormation.url())
            .region(Region.EU_WEST_1)
            .build()) {
      // as someone tidying up with `aws cloudformation delete-change-set` would
      new CloudFormationStacks(client).deleteChangeSet(cloudFormation.changeSetIds().get(0));
    }
    int before = cloudFormation.actions().size();

    CliRun deploy = cli(SECURE_V2, "deploy", "--yes", "--skip-units", "--plan", file.toString());

    assertEquals(1, deploy.exitCode(), deploy.toString());
    assertTrue(deploy.err().startsWith("error: the planned change set dev-plan-"), deploy.err());
    assertTrue(deploy.err().contains(" is gone "), deploy.err());
    assertEquals(List.of("DescribeStacks", "DescribeChangeSet"), actionsSince(before));
  }

  @Test
  void aSavedPlanIsRefusedWithParametersAndForAnotherTemplateBeforeAnyCall() throws Exception {
    deployed(SECURE, "203.0.113.7/32");
    Path file = folder.resolve("team.plan");
    assertEquals(
        0,
        cli(
                SECURE_V2,
                "plan",
                "--out",
                file.toString(),
                "--param",
                "KeyName=k",
                "--param",
                "AdminCidr=203.0.113.7/32")
            .exitCode());
    int before = cloudFormation.actions().size();

    CliRun withParameter =
        cli(
            SECURE_V2,
            "deploy",
            "--yes",
            "--skip-units",
            "--plan",
            file.toString(),
            "--param",
            "KeyName=x");
    assertEquals(2, withParameter.exitCode(), withParameter.toString());
    assertTrue(withParameter.err().contains("drop --param"), withParameter.err());

    CliRun otherJar = cli(SECURE, "deploy", "--yes", "--skip-units", "--plan", file.toString());
    assertEquals(1, otherJar.exitCode(), otherJar.toString());
    assertTrue(
        otherJar.err().startsWith("error: the plan was made by another build of the client"),
        otherJar.err());

    Path notAPlan = Files.writeString(folder.resolve("notes.txt"), "apply on friday\n");
    CliRun garbage =
        cli(SECURE_V2, "deploy", "--yes", "--skip-units", "--plan", notAPlan.toString());
    assertEquals(2, garbage.exitCode(), garbage.toString());
    assertTrue(
        garbage.err().startsWith("error: " + notAPlan + " is not a plan saved by `plan --out`"),
        garbage.err());

    assertEquals(List.of(), actionsSince(before));
  }

  @Test
  void deployAtATerminalShowsThePlanAndAnAnswerOtherThanYesChangesNothing() {
    deployed(SECURE, "203.0.113.7/32");
    int before = cloudFormation.actions().size();

    CliRun declined =
        atTerminal(
            SECURE_V2,
            "no\n",
            "deploy",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");

    assertEquals(1, declined.exitCode(), declined.toString());
    assertTrue(declined.err().contains("Security-relevant changes:"), declined.err());
    assertTrue(
        declined.err().contains("Apply these changes to stack team? Type yes to apply: "),
        declined.err());
    assertTrue(
        declined.err().contains("error: not approved (only yes applies); nothing was changed"),
        declined.err());
    assertFalse(actionsSince(before).contains("ExecuteChangeSet"), actionsSince(before).toString());
    assertEquals(0, cloudFormation.changeSetCount(), "the declined change set is deleted");
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));

    CliRun approved =
        atTerminal(
            SECURE_V2,
            "yes\n",
            "deploy",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");

    assertEquals(0, approved.exitCode(), approved.toString());
    assertEquals(
        2, cloudFormation.executedChangeSets().size(), "the first deploy's, and the approved one");
    assertEquals(Optional.of("UPDATE_COMPLETE"), cloudFormation.stackStatus("team"));
  }

  @Test
  void aDeclinedCreationLeavesNoStackBehind() {
    CliRun declined =
        atTerminal(
            SECURE,
            "\n",
            "deploy",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");

    assertEquals(1, declined.exitCode(), declined.toString());
    assertFalse(
        cloudFormation.actions().contains("ExecuteChangeSet"), cloudFormation.actions().toString());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void deployWithoutATerminalAndWithoutYesIsRefusedBeforeAnyCall() {
    CliRun refused =
        cli(
            SECURE,
            "deploy",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");

    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(
        refused
            .err()
            .startsWith(
                "error: deploy asks for approval of the changes on a terminal, and standard input is"
                    + " not one: pass --yes"),
        refused.err());
    assertEquals(List.of(), cloudFormation.actions());

    CliRun withYes =
        cli(
            SECURE,
            "deploy",
            "--yes",
            "--skip-units",
            "--param",
            "KeyName=k",
            "--param",
            "AdminCidr=203.0.113.7/32");
    assertEquals(0, withYes.exitCode(), withYes.toString());
    assertTrue(cloudFormation.actions().contains("ExecuteChangeSet"));
  }

  @Test
  void eachCommandsHelpListsItsOwnOptionsOnly() {
    String plan = CliRun.run(SECURE, "plan", "--help").out();
    String deploy = CliRun.run(SECURE, "deploy", "--help").out();
    String status = CliRun.run(SECURE, "status", "--help").out();

    assertTrue(plan.contains("\n  --detailed-exitcode ") && plan.contains("\n  --out FILE "), plan);
    assertFalse(plan.contains("\n  --plan FILE ") || plan.contains("\n  --yes "), plan);
    assertTrue(deploy.contains("\n  --yes ") && deploy.contains("\n  --plan FILE "), deploy);
    assertFalse(
        deploy.contains("\n  --out FILE ") || deploy.contains("\n  --detailed-exitcode "), deploy);
    assertFalse(
        status.contains("\n  --out FILE ")
            || status.contains("\n  --plan FILE ")
            || status.contains("\n  --yes "),
        status);
    for (String help : List.of(plan, deploy, status, CliRun.run(SECURE, "--help").out())) {
      assertTrue(help.contains("\n  --version ") && help.contains("\n  --debug "), help);
    }
  }

  @Test
  void versionNamesTheRuntimeTheClusterAndItsTemplate() {
    CliRun version = CliRun.run(SECURE, "--version");

    assertEquals(0, version.exitCode(), version.toString());
    assertTrue(
        version
            .out()
            .matches(
                "dev deploy client: runtime \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"
                    + "cluster team, template deploy/team-template-secure.json sha256 [0-9a-f]{64}\n"),
        version.out());
    assertEquals(
        TemplateBody.of(SECURE).sha256(),
        version.out().substring(version.out().length() - 65).strip());
  }

  @Test
  void debugAddsTheCauseChainToTheOneLineError() {
    cloudFormation.close();

    CliRun plain = cli(SECURE, "status");
    CliRun debug = cli(SECURE, "status", "--debug");

    assertEquals(1, plain.exitCode(), plain.toString());
    assertTrue(plain.err().startsWith("error: cannot reach AWS: "), plain.err());
    assertEquals(1, plain.err().lines().count(), plain.err());
    assertEquals(1, debug.exitCode(), debug.toString());
    assertTrue(debug.err().startsWith(plain.err()), debug.err());
    assertTrue(
        debug.err().contains("software.amazon.awssdk.core.exception.SdkClientException"),
        debug.err());
    assertTrue(debug.err().contains("Caused by: java.net.ConnectException"), debug.err());
  }
}
