package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.generate.nodes.NodeBootstrap;
import dev.cluster.processor.generate.nodes.NodeFile;
import dev.cluster.processor.generate.nodes.NodeSetup;
import dev.cluster.processor.generate.nodes.ReadySignal;
import dev.cluster.processor.generate.units.GoldenFiles;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.testing.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How each role's machines are replaced, byte for byte against {@code
 * src/test/resources/golden/rollout/}: each autoscaling group's CreationPolicy and UpdatePolicy,
 * the permission to signal, and each group's readiness unit and the file that names what it
 * signals. A MAIN group of 3, a WORKER group of 2 to 5, a DATA group of 3 running one service with
 * ports.
 */
class RolloutGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = "cluster/demo/";

  private final ClusterModel model =
      Models.model(
          List.of(Models.main(), Models.workers(), Models.data()),
          List.of(
              Models.service("search", "data", 1, 9200, 9300),
              Models.service("api", "workers", 2, 8080)));

  @Test
  void policiesAndReadinessUnitsMatchTheGoldenFiles() throws Exception {
    JsonNode resources = template().get("Resources");
    List<GeneratedFile> files = new ArrayList<>();
    for (NodeGroupSpec group : model.nodeGroups()) {
      String id = TemplateGenerator.scalingGroupId(group);
      ObjectNode policies = Json.object();
      policies.set("CreationPolicy", resources.get(id).get("CreationPolicy"));
      policies.set("UpdatePolicy", resources.get(id).get("UpdatePolicy"));
      files.add(GeneratedFile.text(DEMO + "template/" + id + ".json", Json.pretty(policies)));
      NodeSetup setup = NodeBootstrap.forGroup(model, group);
      setup.units().stream()
          .filter(u -> u.name().equals(ReadySignal.UNIT))
          .forEach(
              u ->
                  files.add(
                      GeneratedFile.text(
                          DEMO + "nodes/" + group.name() + "/" + u.name(), u.render())));
      setup.files().stream()
          .filter(f -> f.path().equals(ReadySignal.SIGNAL_ENV))
          .forEach(
              f ->
                  files.add(
                      GeneratedFile.text(
                          DEMO + "nodes/" + group.name() + "/signal.env", f.content())));
    }
    files.add(
        GeneratedFile.text(
            DEMO + "template/signal-readiness-policy.json",
            Json.pretty(signalPolicy(resources, "MainRole"))));
    GoldenFiles.assertMatch("rollout", DEMO, files);
  }

  @Test
  void everyGroupWaitsForItsMachinesSignalsLongerThanTheyCheck() throws Exception {
    JsonNode resources = template().get("Resources");
    for (NodeGroupSpec group : model.nodeGroups()) {
      JsonNode rolling =
          resources
              .get(TemplateGenerator.scalingGroupId(group))
              .at("/UpdatePolicy/AutoScalingRollingUpdate");
      assertTrue(rolling.get("WaitOnResourceSignals").asBoolean(), group.name());
      assertEquals("1", rolling.get("MaxBatchSize").asText(), group.name());
      assertTrue(
          ReadySignal.signalTimeout(group.role()).compareTo(ReadySignal.readyWithin(group.role()))
              > 0,
          "a machine's FAILURE must arrive before CloudFormation counts a missing signal");
      assertEquals(
          ReadySignal.signalTimeout(group.role()).toString(), rolling.get("PauseTime").asText());
      // MAIN and DATA: all of their 3 but the one being replaced; WORKER (2 to 5): its minimum.
      assertEquals("2", rolling.get("MinInstancesInService").asText(), group.name());
      assertTrue(
          signalPolicy(resources, TemplateGenerator.scalingGroupId(group).replace("Group", "Role"))
              .toString()
              .contains("stack/${AWS::StackName}/*"),
          group.name());
    }
  }

  @Test
  void aWorkerGroupOfFixedSizeKeepsOneMachineFewerInServiceThanItsMaximum() throws Exception {
    ClusterModel fixed =
        Models.model(
            List.of(Models.main(), Models.group("workers", Role.WORKER, 0, 3, 3)), List.of());
    JsonNode group =
        JSON.readTree(new TemplateGenerator().generate(fixed).get(0).text())
            .at("/Resources/WorkersGroup");
    assertEquals(
        "2",
        group.at("/UpdatePolicy/AutoScalingRollingUpdate/MinInstancesInService").asText(),
        "CloudFormation wants MinInstancesInService below MaxSize");
    assertEquals("3", group.at("/CreationPolicy/ResourceSignal/Count").asText());
  }

  @Test
  void theSignalNamesTheStackAndTheMachinesOwnGroup() {
    for (NodeGroupSpec group : model.nodeGroups()) {
      NodeFile env =
          NodeBootstrap.forGroup(model, group).files().stream()
              .filter(f -> f.path().equals(ReadySignal.SIGNAL_ENV))
              .findFirst()
              .orElseThrow();
      assertEquals(
          "STACK_NAME=@@Ref:AWS::StackName@@\nSIGNAL_RESOURCE="
              + TemplateGenerator.scalingGroupId(group)
              + "\n",
          env.content());
    }
  }

  private JsonNode template() throws Exception {
    return JSON.readTree(new TemplateGenerator().generate(model).get(0).text());
  }

  private static JsonNode signalPolicy(JsonNode resources, String role) {
    for (JsonNode policy : resources.at("/" + role + "/Properties/Policies")) {
      if (policy.get("PolicyName").asText().equals("signal-readiness")) {
        return policy;
      }
    }
    throw new AssertionError("no signal-readiness policy on " + role);
  }
}
