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
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import dev.cluster.runtime.deploy.fleet.UnitOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * plan, deploy, status and destroy through the real AWS SDK against in-process endpoints that speak
 * CloudFormation's query protocol and Secrets Manager's JSON protocol (not AWS), and an in-process
 * server following fleet's API (not fleet). The stack events shown: every event of the operation
 * exactly once, also when new events shift the pages while they are read, and a deletion's events
 * to the stack's own DELETE_COMPLETE, also when the stack is gone by name before the client reads
 * them.
 */
@ExtendWith(ExampleCredentials.class)
class DeployInProcessCloudFormationEndpointTest {
  private static final String DB_PASSWORD = "team/gerrit/db-password";

  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessSecretsManagerEndpoint secretsManager;
  private InProcessFleetServer fleet;

  @BeforeEach
  void startEndpoints() throws Exception {
    cloudFormation = new InProcessCloudFormationEndpoint();
    secretsManager = new InProcessSecretsManagerEndpoint();
    fleet = new InProcessFleetServer(2);
  }

  @AfterEach
  void stopEndpoints() {
    cloudFormation.close();
    secretsManager.close();
    fleet.close();
  }

  private CliRun cli(ClusterDescriptor cluster, String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--endpoint-url",
            cloudFormation.url().toString(),
            "--secrets-endpoint-url",
            secretsManager.url().toString()));
    if (List.of("plan", "deploy", "status", "units").contains(args[0])) {
      all.addAll(List.of("--fleet-url", fleet.url().toString()));
    }
    if (args[0].equals("deploy")) {
      all.add("--yes");
    }
    return CliRun.withInput(cluster, stdin, all.toArray(String[]::new));
  }

  private CliRun cli(String... args) {
    return cli(TestClusters.team(), "", args);
  }

  @Test
  void deployCreatesTheStackStreamsEventsAndStartsTheUnits() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");

    CliRun run = cli("deploy", "--param", "KeyName=team-key");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        run.err().contains("CREATE_COMPLETE       MainGroup (AWS::AutoScaling::AutoScalingGroup)"),
        run.err());
    assertTrue(
        run.out().startsWith("Stack team in eu-west-1: created (CREATE_COMPLETE)\n"), run.out());
    assertTrue(run.out().contains("MainGroupName  team-MainGroup-1A2B3C"), run.out());
    assertEquals(
        Map.of(
            "gerrit@.service",
            "inactive",
            "gerrit@1.service",
            "launched",
            "gerrit@2.service",
            "launched",
            "dns-updater.service",
            "launched"),
        fleet.desiredStates());
    assertEquals(0, cloudFormation.changeSetCount());
  }

  @Test
  void secondDeployWithoutChangesChangesNothingAndSaysSo() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    assertEquals(0, cli("deploy", "--param", "KeyName=team-key").exitCode());
    int actionsBefore = cloudFormation.actions().size();
    int fleetRequestsBefore = fleet.requests().size();

    CliRun again = cli("deploy", "--param", "KeyName=team-key");

    assertEquals(0, again.exitCode(), again.toString());
    assertTrue(again.err().contains("Stack team is up to date: no changes."), again.err());
    assertTrue(
        again.out().startsWith("Stack team in eu-west-1: no changes (CREATE_COMPLETE)"),
        again.out());
    List<String> newActions =
        cloudFormation.actions().subList(actionsBefore, cloudFormation.actions().size());
    assertFalse(newActions.contains("ExecuteChangeSet"), newActions.toString());
    assertTrue(newActions.contains("DeleteChangeSet"), newActions.toString());
    assertEquals(0, cloudFormation.changeSetCount());
    assertTrue(
        fleet.requests().subList(fleetRequestsBefore, fleet.requests().size()).stream()
            .allMatch(r -> r.startsWith("GET")),
        fleet.requests().toString());
    assertTrue(again.out().contains("gerrit@1.service     unchanged"), again.out());
  }

  @Test
  void planShowsAddedModifiedAndRemovedResourcesAndDeployUpdates() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    assertEquals(0, cli("deploy", "--param", "KeyName=team-key").exitCode());
    ClusterDescriptor changed = TestClusters.team("deploy/team-template-v2.json");

    CliRun plan =
        cli(changed, "", "plan", "--param", "KeyName=team-key", "--param", "InstanceType=t3.large");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertEquals(
        """
                Stack team in eu-west-1 would be updated:
                  ACTION  RESOURCE      TYPE                                REPLACEMENT
                  Modify  ClusterVpc    AWS::EC2::VPC                       True
                  Modify  MainGroup     AWS::AutoScaling::AutoScalingGroup  Conditional
                  Add     BackupBucket  AWS::S3::Bucket
                Changes to modified resources:
                  ClusterVpc  REPLACED: a new one is created and the old one deleted, with what it held
                      CidrBlock: 10.0.0.0/16 -> 10.1.0.0/16  (requires replacement)
                  MainGroup  MAY BE REPLACED: CloudFormation decides while it deploys
                      InstanceType: t3.medium -> t3.large  (parameter InstanceType)
                Security-relevant changes: none (no security group rule, IAM resource or access policy changes)
                Plan: 1 to add, 2 to modify (1 replaced, 1 maybe replaced), 0 to remove

                Units: no changes (4 as declared)
                """,
        plan.out());
    assertEquals(0, cloudFormation.changeSetCount());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));

    CliRun deploy =
        cli(
            changed,
            "",
            "deploy",
            "--param",
            "KeyName=team-key",
            "--param",
            "InstanceType=t3.large");

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(Optional.of("UPDATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        deploy.out().startsWith("Stack team in eu-west-1: updated (UPDATE_COMPLETE)"),
        deploy.out());
    assertTrue(
        deploy.err().contains("CREATE_COMPLETE       BackupBucket (AWS::S3::Bucket)"),
        deploy.err());
  }

  @Test
  void planOfANewStackLeavesNothingBehindAndSaysFleetWasNotConsulted() {
    CliRun plan =
        CliRun.run(
            TestClusters.team(),
            "plan",
            "--param",
            "KeyName=team-key",
            "--endpoint-url",
            cloudFormation.url().toString());

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(plan.out().startsWith("Stack team in eu-west-1 would be created:"), plan.out());
    assertTrue(plan.out().contains("Add     ClusterVpc  AWS::EC2::VPC"), plan.out());
    assertTrue(plan.out().contains("Units: fleet not consulted"), plan.out());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
    assertEquals(0, cloudFormation.changeSetCount());
  }

  @Test
  void planAndDeployCompareUnitFilesWithFleetsUnits() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    assertEquals(0, cli("deploy", "--param", "KeyName=team-key").exitCode());
    fleet.preload(
        "gerrit@2.service",
        "launched",
        List.of(new UnitOption("Service", "ExecStart", "/usr/bin/old-gerrit")));
    fleet.preload(
        "jenkins.service",
        "launched",
        List.of(new UnitOption("Service", "ExecStart", "/usr/bin/jenkins")));
    fleet.preload("dns-updater.service", "loaded", List.of());

    CliRun plan = cli("plan", "--param", "KeyName=team-key");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.out()
            .endsWith(
                """
                Units: 2 to replace, 1 to stop
                  UNIT                 FLEET WOULD
                  gerrit@2.service     replace
                  dns-updater.service  replace
                  jenkins.service      stop
                """),
        plan.out());

    CliRun deploy = cli("deploy", "--param", "KeyName=team-key");

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals("launched", fleet.desiredStates().get("gerrit@2.service"));
    assertEquals(
        fleet.unit("gerrit@.service").get("options"),
        fleet.unit("gerrit@2.service").get("options"));
    assertEquals("loaded", fleet.desiredStates().get("jenkins.service"));
    assertTrue(deploy.out().contains("jenkins.service      stopped"), deploy.out());
  }

  @Test
  void failedCreationPrintsTheFirstFailingResourceAndExitsOne() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");

    CliRun run =
        cli(
            TestClusters.team("deploy/team-template-failing.json"),
            "",
            "deploy",
            "--param",
            "KeyName=team-key");

    assertEquals(1, run.exitCode(), run.toString());
    assertEquals(Optional.of("ROLLBACK_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        run.err()
            .contains(
                "error: the creation of stack team failed; it is now ROLLBACK_COMPLETE.\n"
                    + "First failure: MainGroup (AWS::AutoScaling::AutoScalingGroup) CREATE_FAILED: "
                    + "You have requested more vCPU capacity than your current vCPU limit of 4 allows\n"),
        run.err());
    assertTrue(run.err().contains("destroy --stack team --region eu-west-1"), run.err());
    assertEquals(Map.of(), fleet.desiredStates());
  }

  @Test
  void failedUpdateRollsBackAndSaysTheStackIsInItsLastGoodState() throws Exception {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    assertEquals(0, cli("deploy", "--param", "KeyName=team-key").exitCode());

    CliRun run =
        cli(
            TestClusters.team("deploy/team-template-failing.json"),
            "",
            "deploy",
            "--param",
            "KeyName=team-key",
            "--output",
            "json");

    assertEquals(1, run.exitCode(), run.toString());
    assertEquals(Optional.of("UPDATE_ROLLBACK_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        run.err()
            .contains(
                "First failure: MainGroup (AWS::AutoScaling::AutoScalingGroup) UPDATE_FAILED: You have requested"),
        run.err());
    assertTrue(
        run.err().contains("it is back in its last good state; fix the cause and deploy again"),
        run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertTrue(json.get("error").asText().startsWith("the update of stack team failed"), run.out());

    assertEquals(
        0,
        cli("plan", "--param", "KeyName=team-key").exitCode(),
        "a rolled back update can be planned again");
  }

  @Test
  void deployAsJsonReportsStackAndUnits() throws Exception {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");

    CliRun run = cli("deploy", "--param", "KeyName=team-key", "--output", "json");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("created", json.get("stackResult").asText());
    assertEquals("team-MainGroup-1A2B3C", json.get("outputs").get("MainGroupName").asText());
    assertEquals("gerrit@1.service", json.get("units").get(1).get("unit").asText());
    assertEquals("start", json.get("units").get(1).get("action").asText());
  }

  @Test
  void stackInRollbackCompleteIsRefusedWithTheRecoveryCommands() {
    cloudFormation.putStack(
        "team", "ROLLBACK_COMPLETE", "The following resource(s) failed to create: [MainGroup].");

    CliRun run = cli("deploy", "--param", "KeyName=team-key");

    assertEquals(1, run.exitCode(), run.toString());
    assertEquals(
        "error: stack team is ROLLBACK_COMPLETE (The following resource(s) failed to create: [MainGroup].): "
            + "its creation failed and CloudFormation cannot update it. Delete it and deploy again:\n"
            + "  destroy --stack team --region eu-west-1\n"
            + "  deploy --stack team --region eu-west-1\n",
        run.err());
    assertFalse(
        cloudFormation.actions().contains("CreateChangeSet"), cloudFormation.actions().toString());
  }

  @Test
  void stackInUpdateRollbackFailedPointsToContinueUpdateRollback() {
    cloudFormation.putStack("team", "UPDATE_ROLLBACK_FAILED", null);

    CliRun run = cli("plan", "--param", "KeyName=team-key");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "aws cloudformation continue-update-rollback --stack-name team --region eu-west-1"),
        run.err());
  }

  @Test
  void missingSecretsAreListedAndNothingChanges() {
    CliRun run = cli("deploy", "--param", "KeyName=team-key");

    assertEquals(1, run.exitCode(), run.toString());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
    assertTrue(
        run.err()
            .contains(
                "error: nothing was changed: 1 declared secret(s) missing in Secrets Manager: "
                    + "team/gerrit/db-password (does not exist); store them with `secrets set NAME`, then deploy again"),
        run.err());
    assertTrue(
        cloudFormation.actions().stream()
            .noneMatch(a -> a.startsWith("Create") || a.startsWith("Execute")),
        cloudFormation.actions().toString());
    assertEquals(Map.of(), fleet.desiredStates());
    assertTrue(fleet.requests().isEmpty(), fleet.requests().toString());
  }

  @Test
  void aMissingGeneratedSecretIsMadeOnceEveryPreconditionHoldsAndKeptAfterwards() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    ClusterDescriptor cluster = TestClusters.teamWithGeneratedSecret();

    CliRun run = cli(cluster, "", "deploy", "--param", "KeyName=team-key");

    assertEquals(0, run.exitCode(), run.toString());
    String generated = secretsManager.secrets().get("team/gerrit/db-superuser-password");
    assertTrue(
        generated != null && generated.matches("[A-Za-z0-9_-]{43}"),
        secretsManager.secrets().toString());
    assertTrue(
        run.err()
            .contains(
                "generated secret team/gerrit/db-superuser-password (Superuser password of gerrit's"
                    + " database)"),
        run.err());
    assertEquals(
        "s3cret",
        secretsManager.secrets().get(DB_PASSWORD),
        "a secret a person set is never touched");

    CliRun again = cli(cluster, "", "deploy", "--param", "KeyName=team-key");
    assertEquals(0, again.exitCode(), again.toString());
    assertEquals(
        generated,
        secretsManager.secrets().get("team/gerrit/db-superuser-password"),
        "made once, then kept");
    assertFalse(again.err().contains("generated secret"), again.err());
  }

  @Test
  void aMissingSecretAPersonSetsRefusesBeforeAnyGeneratedOneIsMade() {
    CliRun run =
        cli(TestClusters.teamWithGeneratedSecret(), "", "deploy", "--param", "KeyName=team-key");

    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(
        run.err()
            .contains(
                "error: nothing was changed: 1 declared secret(s) missing in Secrets Manager: "
                    + "team/gerrit/db-password (does not exist)"),
        run.err());
    assertEquals(Map.of(), secretsManager.secrets());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void createWithoutARequiredParameterIsRefusedListingTheMissingOnes() {
    CliRun missing = cli("deploy");

    assertEquals(2, missing.exitCode(), missing.toString());
    assertEquals(
        "error: missing required stack parameters: KeyName (pass --param KeyName=VALUE)\n",
        missing.err());
    assertEquals(
        List.of("DescribeStacks"),
        cloudFormation.actions(),
        "only looked whether the stack exists");
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));
  }

  @Test
  void updateWithoutARequiredParameterKeepsTheDeployedValue() {
    assertEquals(
        0,
        cli(
                "deploy",
                "--skip-units",
                "--param",
                "KeyName=team-key",
                "--param",
                "InstanceType=t3.large")
            .exitCode());
    ClusterDescriptor changed = TestClusters.team("deploy/team-template-v2.json");

    CliRun plan = cli(changed, "", "plan", "--param", "InstanceType=t3.large");

    assertEquals(0, plan.exitCode(), plan.toString());
    assertTrue(
        plan.out()
            .contains(
                "Plan: 1 to add, 1 to modify (1 replaced), 0 to remove\n"
                    + "Kept from the deployed stack (no --param given): KeyName=team-key\n"),
        plan.out());
    assertEquals(List.of("team/KeyName"), cloudFormation.previousValuesUsed());

    CliRun deploy = cli(changed, "", "deploy", "--skip-units", "--param", "InstanceType=t3.large");

    assertEquals(0, deploy.exitCode(), deploy.toString());
    assertEquals(Optional.of("UPDATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        deploy
            .err()
            .contains(
                "Keeping the deployed value of KeyName (team-key); pass --param KeyName=VALUE to change it"),
        deploy.err());
    assertEquals(List.of("team/KeyName", "team/KeyName"), cloudFormation.previousValuesUsed());
    assertEquals(
        Map.of("KeyName", "team-key", "InstanceType", "t3.large"),
        cloudFormation.stackParameters("team"));

    ClusterDescriptor newParameter =
        new ClusterDescriptor(
            "team",
            "eu-west-1",
            "deploy/team-template-v2.json",
            Stream.concat(
                    changed.parameters().stream(),
                    Stream.of(new StackParameter("AdminCidr", "ssh from", Optional.empty())))
                .toList(),
            changed.units(),
            changed.secrets(),
            changed.nodeGroups(),
            changed.services());
    CliRun added = cli(newParameter, "", "plan");

    assertEquals(2, added.exitCode(), added.toString());
    assertEquals(
        "error: missing required stack parameters: AdminCidr (pass --param AdminCidr=VALUE; "
            + "the deployed stack has no value to keep for them)\n",
        added.err());
  }

  @Test
  void badParametersAreRefusedBeforeAnyCall() {

    CliRun unknown = cli("plan", "--param", "KeyName=k", "--param", "Colour=blue");
    assertEquals(2, unknown.exitCode());
    assertEquals(
        "error: unknown stack parameter 'Colour' (parameters: KeyName, InstanceType)\n",
        unknown.err());

    CliRun noFleet =
        CliRun.run(
            TestClusters.team(),
            "deploy",
            "--yes",
            "--param",
            "KeyName=k",
            "--endpoint-url",
            cloudFormation.url().toString());
    assertEquals(2, noFleet.exitCode());
    assertTrue(noFleet.err().contains("--skip-units"), noFleet.err());

    assertEquals(List.of(), cloudFormation.actions());
  }

  @Test
  void unknownRegionAndMissingCredentialsAreOneClearMessage() {
    CliRun region = cli("status", "--region", "eu-middle-7");
    assertEquals(2, region.exitCode());
    assertTrue(region.err().startsWith("error: unknown region 'eu-middle-7'"), region.err());

    String oldConfig = System.getProperty("aws.configFile");
    System.setProperty("aws.configFile", "/nonexistent/aws-config");
    System.setProperty("aws.sharedCredentialsFile", "/nonexistent/aws-credentials");
    try {
      CliRun credentials = cli("status", "--profile", "nobody");
      assertEquals(1, credentials.exitCode());
      assertTrue(
          credentials.err().startsWith("error: no AWS credentials found for profile 'nobody'"),
          credentials.err());
      assertTrue(credentials.err().contains("set AWS_PROFILE"), credentials.err());
    } finally {
      System.clearProperty("aws.sharedCredentialsFile");
      if (oldConfig == null) {
        System.clearProperty("aws.configFile");
      } else {
        System.setProperty("aws.configFile", oldConfig);
      }
    }
    assertEquals(List.of(), cloudFormation.actions());
  }

  @Test
  void statusShowsTheStackOutputsMachinesAndUnitStates() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    assertEquals(0, cli("deploy", "--param", "KeyName=team-key").exitCode());

    CliRun status = cli("status");

    assertEquals(0, status.exitCode(), status.toString());
    assertTrue(status.out().startsWith("Stack team in eu-west-1: CREATE_COMPLETE\n"), status.out());
    assertTrue(status.out().contains("machine-3  10.0.0.3  group=edge"), status.out());
    assertTrue(
        status.out().contains("gerrit@1.service     launched  launched  machine-1:active/running"),
        status.out());
    assertTrue(status.out().contains("gerrit@.service      inactive  inactive"), status.out());
  }

  @Test
  void statusWithAnUnreachableFleetShowsTheStackAndExitsOne() {
    CliRun status =
        CliRun.run(
            TestClusters.team(),
            "status",
            "--endpoint-url",
            cloudFormation.url().toString(),
            "--fleet-url",
            "http://127.0.0.1:1");

    assertEquals(1, status.exitCode(), status.toString());
    assertTrue(
        status.out().startsWith("Stack team in eu-west-1: does not exist (deploy creates it)\n"),
        status.out());
    assertEquals(
        "error: fleet is unreachable at http://127.0.0.1:1/fleet/v1/ (connection refused); "
            + "check --fleet-url, or reach a main node with --tunnel USER@HOST\n",
        status.err());
  }

  @Test
  void destroyAsksForTheStackNameAndWaitsUntilItIsGone() {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    assertEquals(0, cli("deploy", "--param", "KeyName=team-key").exitCode());

    CliRun refused = cli(TestClusters.team(), "tema\n", "destroy");
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("not confirmed; nothing was deleted"), refused.err());
    assertFalse(cloudFormation.actions().contains("DeleteStack"));

    CliRun confirmed = cli(TestClusters.team(), "team\n", "destroy");
    assertEquals(0, confirmed.exitCode(), confirmed.toString());
    assertTrue(confirmed.out().startsWith("Deleted stack team in eu-west-1"), confirmed.out());
    assertTrue(confirmed.err().contains("DELETE_COMPLETE       MainGroup"), confirmed.err());
    assertEquals(Optional.empty(), cloudFormation.stackStatus("team"));

    CliRun again = cli("destroy", "--yes");
    assertEquals(0, again.exitCode());
    assertEquals("Stack team does not exist in eu-west-1; nothing to delete\n", again.out());
  }

  @Test
  void failedDeletionNamesTheResourceThatBlockedIt() {
    ClusterDescriptor cluster = TestClusters.team("deploy/team-template-undeletable.json");
    assertEquals(
        0, cli(cluster, "", "deploy", "--skip-units", "--param", "KeyName=team-key").exitCode());

    CliRun destroy = cli(cluster, "", "destroy", "--yes");

    assertEquals(1, destroy.exitCode(), destroy.toString());
    assertEquals(Optional.of("DELETE_FAILED"), cloudFormation.stackStatus("team"));
    assertTrue(
        destroy
            .err()
            .contains(
                "error: deleting stack team failed; it is now DELETE_FAILED.\n"
                    + "First failure: BackupBucket (AWS::S3::Bucket) DELETE_FAILED: The bucket you tried to delete is not empty\n"
                    + "its deletion failed. Remove what blocked it (see `status`) and delete it again:"),
        destroy.err());

    CliRun deploy = cli(cluster, "", "deploy", "--skip-units", "--param", "KeyName=team-key");
    assertEquals(1, deploy.exitCode());
    assertTrue(deploy.err().startsWith("error: stack team is DELETE_FAILED"), deploy.err());
  }

  @Test
  void interruptingAWaitStopsItAndSaysWhatGoesOnInAws() throws Exception {
    secretsManager.putSecret(DB_PASSWORD, "s3cret");
    cloudFormation.freeze();
    CliRun[] result = new CliRun[1];
    Thread deploy = new Thread(() -> result[0] = cli("deploy", "--param", "KeyName=team-key"));

    deploy.start();
    for (int i = 0; i < 500 && !cloudFormation.actions().contains("ExecuteChangeSet"); i++) {
      Thread.sleep(10);
    }
    Thread.sleep(100);
    deploy.interrupt();
    deploy.join(10_000);

    assertEquals(130, result[0].exitCode(), result[0].toString());
    assertTrue(result[0].err().contains("error: interrupted after "), result[0].err());
    assertTrue(
        result[0]
            .err()
            .contains(
                "while creating stack team; the creation of stack team goes on in AWS; "
                    + "follow it with `status --stack team --region eu-west-1`"),
        result[0].err());
    assertEquals(Map.of(), fleet.desiredStates());
  }

  private static final Pattern EVENT_LINE =
      Pattern.compile("(?m)^  \\d\\d:\\d\\d:\\d\\d  [A-Z_]+ +\\S+ \\(.*$");

  private static List<String> eventLines(String err) {
    return EVENT_LINE.matcher(err).results().map(r -> r.group()).toList();
  }

  @Test
  void aCreationShowsEachEventOnceWhileNewEventsShiftThePages() {
    // several events per poll, so that a poll reads more than one page
    cloudFormation.stepsPerDescribe(4);
    cloudFormation.eventsArriveBetweenPages();

    CliRun deploy = cli("deploy", "--skip-units", "--param", "KeyName=team-key");

    assertEquals(0, deploy.exitCode(), deploy.toString());
    List<String> shown = eventLines(deploy.err());
    // every event after the change set's REVIEW_IN_PROGRESS, which came before the operation
    int operationEvents = cloudFormation.eventIds("team").size() - 1;
    assertEquals(operationEvents, shown.size(), String.join("\n", shown));
    assertEquals(shown.size(), shown.stream().distinct().count(), String.join("\n", shown));
    assertTrue(
        shown
            .get(shown.size() - 1)
            .contains("CREATE_COMPLETE       team (AWS::CloudFormation::Stack)"),
        shown.toString());
  }

  @Test
  void aDeletionThatFinishesBetweenTwoPollsIsStillShownToTheStacksDeleteComplete() {
    assertEquals(0, cli("deploy", "--skip-units", "--param", "KeyName=team-key").exitCode());
    int eventsBefore = cloudFormation.eventIds("team").size();
    cloudFormation.stepsPerDescribe(1000);

    CliRun destroy = cli("destroy", "--yes");

    assertEquals(0, destroy.exitCode(), destroy.toString());
    List<String> shown = eventLines(destroy.err());
    assertEquals(
        cloudFormation.eventIds("team").size() - eventsBefore,
        shown.size(),
        String.join("\n", shown));
    assertTrue(
        shown.get(0).contains("DELETE_IN_PROGRESS    team (AWS::CloudFormation::Stack)"),
        shown.toString());
    assertTrue(
        shown
            .get(shown.size() - 1)
            .contains("DELETE_COMPLETE       team (AWS::CloudFormation::Stack)"),
        shown.toString());
    assertTrue(
        shown.stream().anyMatch(line -> line.contains("DELETE_COMPLETE       MainGroup")),
        shown.toString());
  }

  @Test
  void theFirstFailureIsTheResourceThatFailedNotOneThatWasCancelled() {
    Instant start = Instant.parse("2026-12-01T10:00:00Z");
    List<StackEvent> events =
        List.of(
            event(
                start,
                "team",
                "AWS::CloudFormation::Stack",
                "UPDATE_IN_PROGRESS",
                "User Initiated"),
            event(
                start.plusSeconds(1),
                "WorkersGroup",
                "AWS::AutoScaling::AutoScalingGroup",
                "UPDATE_FAILED",
                "Resource update cancelled"),
            event(
                start.plusSeconds(1),
                "MainTemplate",
                "AWS::EC2::LaunchTemplate",
                "UPDATE_FAILED",
                "User data is limited to 16384 bytes"),
            event(
                start.plusSeconds(2),
                "team",
                "AWS::CloudFormation::Stack",
                "UPDATE_ROLLBACK_IN_PROGRESS",
                "The following resource(s) failed to update: [MainTemplate]."));
    Stack stack = Stack.builder().stackName("team").stackStatus("UPDATE_ROLLBACK_COMPLETE").build();

    StackOperation.Outcome outcome =
        new StackOperation.Outcome(
            "UPDATE_ROLLBACK_COMPLETE", Optional.of(stack), events, Duration.ofSeconds(2));

    assertEquals(
        "MainTemplate (AWS::EC2::LaunchTemplate) UPDATE_FAILED: User data is limited to 16384 bytes",
        outcome.firstFailure());
  }

  private static StackEvent event(
      Instant time, String logicalId, String type, String status, String reason) {
    return StackEvent.builder()
        .eventId(logicalId + "-" + status + "-" + time.getEpochSecond())
        .stackName("team")
        .logicalResourceId(logicalId)
        .resourceType(type)
        .resourceStatus(status)
        .resourceStatusReason(reason)
        .timestamp(time)
        .build();
  }
}
