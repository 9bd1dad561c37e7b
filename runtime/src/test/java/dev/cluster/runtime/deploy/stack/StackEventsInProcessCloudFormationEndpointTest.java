package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessSecretsManagerEndpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * The stack events deploy and destroy show, through the real AWS SDK against an in-process endpoint that
 * speaks CloudFormation's query protocol (not AWS): every event of the operation exactly once, also when new
 * events shift the pages while they are read, and a deletion's events to the stack's own DELETE_COMPLETE,
 * also when the stack is gone by name before the client reads them.
 */
@ExtendWith(ExampleCredentials.class)
class StackEventsInProcessCloudFormationEndpointTest {
    private static final Pattern EVENT_LINE = Pattern.compile("(?m)^  \\d\\d:\\d\\d:\\d\\d  [A-Z_]+ +\\S+ \\(.*$");

    private InProcessCloudFormationEndpoint cloudFormation;
    private InProcessSecretsManagerEndpoint secretsManager;
    private InProcessFleetServer fleet;

    @BeforeEach
    void startEndpoints() throws Exception {
        cloudFormation = new InProcessCloudFormationEndpoint();
        secretsManager = new InProcessSecretsManagerEndpoint();
        fleet = new InProcessFleetServer(2);
        secretsManager.putSecret("team/gerrit/db-password", "s3cret");
    }

    @AfterEach
    void stopEndpoints() {
        cloudFormation.close();
        secretsManager.close();
        fleet.close();
    }

    private CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", cloudFormation.url().toString(),
                "--secrets-endpoint-url", secretsManager.url().toString()));
        if (args[0].equals("deploy")) {
            all.addAll(List.of("--fleet-url", fleet.url().toString()));
        }
        return CliRun.withInput(TestClusters.team(), "", all.toArray(String[]::new));
    }

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
        assertTrue(shown.get(shown.size() - 1).contains("CREATE_COMPLETE       team (AWS::CloudFormation::Stack)"), shown.toString());
    }

    @Test
    void aDeletionThatFinishesBetweenTwoPollsIsStillShownToTheStacksDeleteComplete() {
        assertEquals(0, cli("deploy", "--skip-units", "--param", "KeyName=team-key").exitCode());
        int eventsBefore = cloudFormation.eventIds("team").size();
        cloudFormation.stepsPerDescribe(1000);

        CliRun destroy = cli("destroy", "--yes");

        assertEquals(0, destroy.exitCode(), destroy.toString());
        List<String> shown = eventLines(destroy.err());
        assertEquals(cloudFormation.eventIds("team").size() - eventsBefore, shown.size(), String.join("\n", shown));
        assertTrue(shown.get(0).contains("DELETE_IN_PROGRESS    team (AWS::CloudFormation::Stack)"), shown.toString());
        assertTrue(shown.get(shown.size() - 1).contains("DELETE_COMPLETE       team (AWS::CloudFormation::Stack)"), shown.toString());
        assertTrue(shown.stream().anyMatch(line -> line.contains("DELETE_COMPLETE       MainGroup")), shown.toString());
    }

    @Test
    void theFirstFailureIsTheResourceThatFailedNotOneThatWasCancelled() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<StackEvent> events = List.of(
                event(start, "team", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated"),
                event(start.plusSeconds(1), "WorkersGroup", "AWS::AutoScaling::AutoScalingGroup", "UPDATE_FAILED",
                        "Resource update cancelled"),
                event(start.plusSeconds(1), "MainTemplate", "AWS::EC2::LaunchTemplate", "UPDATE_FAILED",
                        "User data is limited to 16384 bytes"),
                event(start.plusSeconds(2), "team", "AWS::CloudFormation::Stack", "UPDATE_ROLLBACK_IN_PROGRESS",
                        "The following resource(s) failed to update: [MainTemplate]."));
        Stack stack = Stack.builder().stackName("team").stackStatus("UPDATE_ROLLBACK_COMPLETE").build();

        StackOperation.Outcome outcome = new StackOperation.Outcome("UPDATE_ROLLBACK_COMPLETE", Optional.of(stack), events,
                Duration.ofSeconds(2));

        assertEquals("MainTemplate (AWS::EC2::LaunchTemplate) UPDATE_FAILED: User data is limited to 16384 bytes",
                outcome.firstFailure());
    }

    private static StackEvent event(Instant time, String logicalId, String type, String status, String reason) {
        return StackEvent.builder().eventId(logicalId + "-" + status + "-" + time.getEpochSecond()).stackName("team")
                .logicalResourceId(logicalId).resourceType(type).resourceStatus(status).resourceStatusReason(reason)
                .timestamp(time).build();
    }
}
