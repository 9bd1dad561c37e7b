package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessEcrEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * deploy's precondition "images pushed", through the real AWS SDK against in-process endpoints
 * speaking CloudFormation's query protocol, Secrets Manager's and ECR's JSON protocols (not AWS),
 * and an in-process server following fleet's API: a unit never starts while the image it pulls is
 * missing in ECR. An existing stack is left as it is; a new stack's repositories exist only once it
 * is created, so it is created and no unit is started.
 */
@ExtendWith(ExampleCredentials.class)
class ImagesPushedBeforeDeployInProcessEndpointsTest {
  private static final String REDIS = "team/redis";
  private static final String REDIS_TAG = "3a667b7471a20bd7";

  private final Set<String> pushed = new HashSet<>();
  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessSecretsManagerEndpoint secretsManager;
  private InProcessEcrEndpoint ecr;
  private InProcessFleetServer fleet;

  @BeforeEach
  void startEndpoints() throws Exception {
    cloudFormation = new InProcessCloudFormationEndpoint();
    secretsManager = new InProcessSecretsManagerEndpoint();
    secretsManager.putSecret("team/gerrit/db-password", "s3cret");
    ecr =
        new InProcessEcrEndpoint(
            URI.create("http://127.0.0.1:1"),
            "unused",
            Set.of(REDIS),
            (repository, tag) -> pushed.contains(repository + ":" + tag));
    fleet = new InProcessFleetServer(2);
  }

  @AfterEach
  void stopEndpoints() {
    cloudFormation.close();
    secretsManager.close();
    ecr.close();
    fleet.close();
  }

  private CliRun deploy(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "deploy",
                "--yes",
                "--param",
                "KeyName=team-key",
                "--endpoint-url",
                cloudFormation.url().toString(),
                "--secrets-endpoint-url",
                secretsManager.url().toString(),
                "--ecr-endpoint-url",
                ecr.url().toString(),
                "--fleet-url",
                fleet.url().toString()));
    args.addAll(List.of(extra));
    return CliRun.run(TestClusters.teamWithBuiltImage(), args.toArray(String[]::new));
  }

  @Test
  void anExistingStackIsLeftAsItIsWhileAnImageTheUnitsPullIsNotPushed() {
    assertEquals(0, deploy("--skip-units").exitCode());
    int actionsBefore = cloudFormation.actions().size();

    CliRun refused = deploy();

    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(
        refused
            .err()
            .contains(
                "error: nothing was changed: 1 image(s) the units pull are not in ECR: "
                    + REDIS
                    + ":"
                    + REDIS_TAG
                    + " (not pushed); push them with `images push`, then deploy again"),
        refused.err());
    List<String> newActions =
        cloudFormation.actions().subList(actionsBefore, cloudFormation.actions().size());
    assertTrue(
        newActions.stream()
            .noneMatch(
                action ->
                    action.startsWith("Create")
                        || action.startsWith("Execute")
                        || action.startsWith("Update")
                        || action.startsWith("Delete")),
        newActions.toString());
    assertTrue(fleet.requests().isEmpty(), fleet.requests().toString());
    assertEquals(
        List.of("DescribeImages"),
        ecr.targets().stream()
            .map(t -> t.replace(InProcessEcrEndpoint.TARGET_PREFIX, ""))
            .distinct()
            .toList());
  }

  @Test
  void aNewStackIsCreatedButNoUnitStartsWhileAnImageIsNotPushed() {
    CliRun refused = deploy();

    assertEquals(1, refused.exitCode(), refused.toString());
    assertEquals(Optional.of("CREATE_COMPLETE"), cloudFormation.stackStatus("team"));
    assertTrue(
        refused
            .err()
            .contains(
                "error: stack team created, but no unit was started: 1 image(s) the units pull are not in ECR: "
                    + REDIS
                    + ":"
                    + REDIS_TAG
                    + " (not pushed)"),
        refused.err());
    assertTrue(fleet.requests().isEmpty(), fleet.requests().toString());
  }

  @Test
  void withTheImagePushedTheUnitsThatPullItStart() {
    pushed.add(REDIS + ":" + REDIS_TAG);

    CliRun run = deploy();

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        "launched", fleet.desiredStates().get("redis@1.service"), fleet.desiredStates().toString());
    assertEquals(
        "launched", fleet.desiredStates().get("redis@2.service"), fleet.desiredStates().toString());
  }

  @Test
  void unitsThatPullNoBuiltImageNeedNoRegistry() {
    CliRun run =
        CliRun.run(
            TestClusters.team(),
            "deploy",
            "--yes",
            "--param",
            "KeyName=team-key",
            "--endpoint-url",
            cloudFormation.url().toString(),
            "--secrets-endpoint-url",
            secretsManager.url().toString(),
            "--ecr-endpoint-url",
            ecr.url().toString(),
            "--fleet-url",
            fleet.url().toString());

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(ecr.targets().isEmpty(), ecr.targets().toString());
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
  }
}
