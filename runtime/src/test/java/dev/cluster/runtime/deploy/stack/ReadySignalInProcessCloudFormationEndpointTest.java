package dev.cluster.runtime.deploy.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint.Signal;
import dev.cluster.runtime.deploy.aws.InProcessInstanceMetadataEndpoint;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.NodeScripts;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The machines' {@code /opt/bin/ready-signal}, which their autoscaling group's creation and rolling
 * updates wait for, run by bash against a real 3-member etcd on 127.0.0.1 (v2 API on, as the MAIN
 * machines run it), with the real AWS CLI sending its signal to an in-process endpoint speaking
 * CloudFormation's query protocol (not AWS), and the instance id read from an in-process endpoint
 * answering as the instance metadata service does with IMDSv2 (not EC2).
 */
class ReadySignalInProcessCloudFormationEndpointTest {
  private static final String STACK = "team";
  private static final String MACHINE_ID = "0f3a9c1e5b7d4e2a8c6b1d3f5a7e9c0b";

  /** Short bounds for the FAILURE cases; a healthy member is found on the first look. */
  private static final String NOT_READY_WITHIN = "3";

  @RegisterExtension
  static final EtcdCluster ETCD = new EtcdCluster(3, List.of("--enable-v2=true"));

  private InProcessCloudFormationEndpoint cloudFormation;

  @BeforeEach
  void startCloudFormation() throws Exception {
    Binaries.require("aws", "awscli");
    cloudFormation = new InProcessCloudFormationEndpoint();
    cloudFormation.putStack(
        STACK,
        "UPDATE_IN_PROGRESS",
        "User Initiated",
        """
                {"Resources": {"MainGroup": {"Type": "AWS::AutoScaling::AutoScalingGroup"},
                               "WorkersGroup": {"Type": "AWS::AutoScaling::AutoScalingGroup"},
                               "DataGroup": {"Type": "AWS::AutoScaling::AutoScalingGroup"}}}""");
  }

  @AfterEach
  void stopCloudFormation() {
    cloudFormation.close();
  }

  @Test
  void aMainMachineWhoseMemberIsHealthyAndStartedSignalsSuccess() throws Exception {
    NodeScripts.Run run = readySignal(ETCD.name(1), "MainGroup", ETCD.clientUrl(1), "600", "main");

    assertEquals(0, run.exitCode(), run.output());
    assertEquals(
        List.of(new Signal(STACK, "MainGroup", ETCD.name(1), "SUCCESS")),
        cloudFormation.signals(),
        run.output());
    assertTrue(run.output().contains("etcd member m1 ready"), run.output());
  }

  @Test
  void aMainMachineWhoseMemberNeverJoinedSignalsFailureWithinItsBound() throws Exception {
    // The local endpoint answers (another member's), but the cluster lists no member named after
    // this machine.
    NodeScripts.Run run =
        readySignal("i-0notamember", "MainGroup", ETCD.clientUrl(0), NOT_READY_WITHIN, "main");

    assertEquals(1, run.exitCode(), run.output());
    assertEquals(
        List.of(new Signal(STACK, "MainGroup", "i-0notamember", "FAILURE")),
        cloudFormation.signals(),
        run.output());
    assertTrue(run.output().contains("not ready within 3 s"), run.output());
  }

  @Test
  void aMainMachineWhoseMemberIsDownSignalsFailure() throws Exception {
    ETCD.kill(2);
    try {
      NodeScripts.Run run =
          readySignal(ETCD.name(2), "MainGroup", ETCD.clientUrl(2), NOT_READY_WITHIN, "main");

      assertEquals(1, run.exitCode(), run.output());
      assertEquals(
          List.of(new Signal(STACK, "MainGroup", ETCD.name(2), "FAILURE")),
          cloudFormation.signals(),
          run.output());
    } finally {
      ETCD.start(2);
      ETCD.awaitHealthy();
    }
  }

  @Test
  void aWorkerSignalsSuccessOnceItsFleetRegisteredAndFailureWithoutIt() throws Exception {
    NodeScripts.Run before =
        readySignal("i-0worker", "WorkersGroup", ETCD.clientUrl(0), NOT_READY_WITHIN, "worker");
    assertEquals(1, before.exitCode(), before.output());

    // What fleetd writes when it starts: its machine, by machine id, in etcd's v2 key space.
    HttpResponse<String> put =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            ETCD.clientUrl(0)
                                + "/v2/keys/_coreos.com/fleet/machines/"
                                + MACHINE_ID
                                + "/object"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "value=%7B%22ID%22%3A%22" + MACHINE_ID + "%22%7D"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(201, put.statusCode(), put.body());
    NodeScripts.Run after =
        readySignal("i-0worker", "WorkersGroup", ETCD.clientUrl(0), "600", "worker");

    assertEquals(0, after.exitCode(), after.output());
    assertEquals(
        List.of(
            new Signal(STACK, "WorkersGroup", "i-0worker", "FAILURE"),
            new Signal(STACK, "WorkersGroup", "i-0worker", "SUCCESS")),
        cloudFormation.signals());
  }

  @Test
  void aDataMachineSignalsSuccessOnlyWhenEachOfItsServicesAnnouncedItself() throws Exception {
    try (Client etcd = ETCD.client()) {
      put(etcd, "/services/search/instances/" + MACHINE_ID);
      put(etcd, "/services/cassandra/instances/another-machine");
      NodeScripts.Run partly =
          readySignal(
              "i-0data",
              "DataGroup",
              ETCD.clientUrl(0),
              NOT_READY_WITHIN,
              "data",
              "search",
              "cassandra");
      assertEquals(1, partly.exitCode(), partly.output());

      put(etcd, "/services/cassandra/instances/" + MACHINE_ID);
      NodeScripts.Run all =
          readySignal(
              "i-0data", "DataGroup", ETCD.clientUrl(0), "600", "data", "search", "cassandra");

      assertEquals(0, all.exitCode(), all.output());
      assertEquals(
          List.of(
              new Signal(STACK, "DataGroup", "i-0data", "FAILURE"),
              new Signal(STACK, "DataGroup", "i-0data", "SUCCESS")),
          cloudFormation.signals());
    }
  }

  @Test
  void aMachineReplacedWhenNoUpdateWaitsHasNothingToSignalAndStillSaysItWorks() throws Exception {
    cloudFormation.putStack(
        STACK,
        "UPDATE_COMPLETE",
        null,
        """
                {"Resources": {"MainGroup": {"Type": "AWS::AutoScaling::AutoScalingGroup"}}}""");

    NodeScripts.Run run = readySignal(ETCD.name(0), "MainGroup", ETCD.clientUrl(0), "600", "main");

    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("waits for no signal"), run.output());
    assertEquals(List.of(), cloudFormation.signals());
  }

  @Test
  void aSignalCloudFormationRefusesFailsTheUnit() throws Exception {
    NodeScripts.Run run =
        readySignal(ETCD.name(0), "NoSuchGroup", ETCD.clientUrl(0), "600", "main");

    assertEquals(1, run.exitCode(), run.output());
    assertTrue(
        run.output().contains("Resource NoSuchGroup does not exist for stack team"), run.output());
    assertEquals(List.of(), cloudFormation.signals());
  }

  private NodeScripts.Run readySignal(
      String instanceId, String resource, String etcdEndpoint, String within, String... args)
      throws Exception {
    try (InProcessInstanceMetadataEndpoint metadata =
        new InProcessInstanceMetadataEndpoint(instanceId, "eu-west-1", "10.0.0.7")) {
      Map<String, String> environment =
          new HashMap<>(
              Map.of(
                  "STACK_NAME",
                  STACK,
                  "SIGNAL_RESOURCE",
                  resource,
                  "ETCD_ENDPOINT",
                  etcdEndpoint,
                  "IMDS_ENDPOINT",
                  metadata.url().toString(),
                  "MACHINE_ID",
                  MACHINE_ID,
                  "READY_WITHIN",
                  within,
                  "CHECK_EVERY",
                  "1",
                  "AWS_ENDPOINT_URL_CLOUDFORMATION",
                  cloudFormation.url().toString()));
      // AWS's documented example key, and no profile of whoever runs the tests.
      environment.putAll(
          Map.of(
              "AWS_ACCESS_KEY_ID",
              "AKIDEXAMPLE",
              "AWS_SECRET_ACCESS_KEY",
              "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
              "AWS_CONFIG_FILE",
              "/dev/null",
              "AWS_SHARED_CREDENTIALS_FILE",
              "/dev/null",
              "AWS_CLI_IMAGE",
              ""));
      return NodeScripts.run("ready-signal", environment, args);
    }
  }

  private static void put(Client etcd, String key) throws Exception {
    etcd.getKVClient()
        .put(
            ByteSequence.from(key, StandardCharsets.UTF_8),
            ByteSequence.from("{\"host\":\"10.0.0.7\"}", StandardCharsets.UTF_8))
        .get(10, TimeUnit.SECONDS);
  }
}
