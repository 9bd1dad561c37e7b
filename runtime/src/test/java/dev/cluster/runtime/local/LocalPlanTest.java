package dev.cluster.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.local.aws.LocalInstance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local cluster's shape, addresses and identities, and the user data it boots with, without
 * podman.
 */
class LocalPlanTest {
  private static final List<NodeGroupInfo> GROUPS =
      List.of(
          new NodeGroupInfo("main", "MAIN", 3, 3, List.of("m6i.large"), "MainGroupName"),
          new NodeGroupInfo("workers", "WORKER", 3, 6, List.of("m6i.xlarge"), "WorkersGroupName"),
          new NodeGroupInfo(
              "data-nodes", "DATA", 3, 3, List.of("r6i.large"), "DataNodesGroupName"));

  @Test
  void mainAndDataGroupsGetTheSizeTheirBootWaitsForOthersAtMostTwo() {
    assertEquals(
        Map.of("main", 3, "workers", 2, "data-nodes", 3),
        LocalShape.of(GROUPS, List.of()).machines());
    assertEquals(
        Map.of("main", 3, "workers", 1, "data-nodes", 0),
        LocalShape.of(GROUPS, List.of("workers=1", "data-nodes=0")).machines());
    assertThrows(UsageException.class, () -> LocalShape.of(GROUPS, List.of("nosuch=1")));
    assertThrows(UsageException.class, () -> LocalShape.of(GROUPS, List.of("workers=many")));
  }

  @Test
  void aServiceWhoseGroupHasNoMachineOrTooFewForItsReplicasIsNotRunnableAndSaysWhy() {
    List<ServiceInfo> declared =
        List.of(
            new ServiceInfo("etcd-browser", "main", 1, List.of()),
            new ServiceInfo("search", "data-nodes", 3, List.of()),
            new ServiceInfo("wiki", "workers", 2, List.of()),
            new ServiceInfo("cache", "workers", 3, List.of()));
    RunnableServices here =
        RunnableServices.placeable(
            declared,
            List.of("etcd-browser", "search", "wiki", "cache", "units-only"),
            LocalShape.of(GROUPS, List.of("data-nodes=0")));

    assertEquals(List.of("etcd-browser", "wiki", "units-only"), here.runnable());
    assertEquals(
        """
                  search: not runnable here: no machine of node group data-nodes (--machines data-nodes=N)
                  cache: not runnable here: its 3 replicas run on distinct machines of node group workers, which has 2 here (--machines workers=3)
                """,
        here.notRunnableLines());
    assertEquals(
        List.of("etcd-browser", "search", "wiki", "cache", "units-only"),
        RunnableServices.placeable(
                declared,
                List.of("etcd-browser", "search", "wiki", "cache", "units-only"),
                LocalShape.of(GROUPS, List.of("workers=3")))
            .runnable());
    RunnableServices unbuilt = here.without("wiki", RunnableServices.IMAGE_NOT_BUILT);
    assertEquals(List.of("etcd-browser", "units-only"), unbuilt.runnable());
    assertEquals(List.of("search", "cache", "wiki"), List.copyOf(unbuilt.notRunnable().keySet()));
  }

  @Test
  void eachRunningServicesRouteIsPrintedWithTheFrontDoorsAddressWhenTheFrontDoorRuns() {
    List<ServiceInfo> declared =
        List.of(
            new ServiceInfo(
                "nginx",
                "edge",
                2,
                List.of(),
                "front-door",
                List.of("80/tcp http", "443/tcp https"),
                Optional.empty(),
                "",
                List.of()),
            new ServiceInfo(
                "board",
                "workers",
                1,
                List.of(),
                "board",
                List.of("8094/tcp http"),
                Optional.of("https://board.dev.example.com"),
                "members of developers",
                List.of()),
            new ServiceInfo(
                "wiki",
                "workers",
                1,
                List.of(),
                "wiki",
                List.of("8080/tcp http"),
                Optional.of("https://wiki.dev.example.com"),
                "any signed-in account",
                List.of()));
    List<LocalInstance> machines =
        List.of(
            new LocalInstance(
                "t1-main-1", "team", "main", "main", "i-1", "10.89.7.10", "eu-west-1a"),
            new LocalInstance(
                "t1-edge-1", "team", "edge", "worker", "i-2", "10.89.7.11", "eu-west-1a"));

    assertEquals(
        """
                routes, through the front door nginx on t1-edge-1 at 10.89.7.11 (a self-signed placeholder certificate):
                  board          https://board.dev.example.com/  (members of developers)
                  open them with: chromium --ignore-certificate-errors --host-resolver-rules="MAP *.dev.example.com 10.89.7.11" URL
                """,
        FrontDoorRoutes.text(declared, List.of("nginx", "board"), machines));
    assertEquals(
        """
                routes (not open here: no front door runs):
                  board          https://board.dev.example.com/  (members of developers)
                """,
        FrontDoorRoutes.text(declared, List.of("board"), machines));
    assertEquals("", FrontDoorRoutes.text(declared, List.of("nginx"), machines));
  }

  @Test
  void machinesGetFixedAddressesAfterTheStandInAndIdsFromTheirNames() {
    LocalNames names = new LocalNames("t1-");
    LocalShape shape = LocalShape.of(GROUPS, List.of("workers=1", "data-nodes=0"));
    Map<String, List<String>> zones =
        Map.of("main", List.of("eu-west-1a", "eu-west-1b"), "workers", List.of("eu-west-1a"));
    MachinePlan plan = MachinePlan.of("team", names, shape, GROUPS, "10.89.7.0/24", zones);

    assertEquals("10.89.7.2", plan.awsStandIn());
    assertEquals(
        List.of("t1-main-1", "t1-main-2", "t1-main-3", "t1-workers-1"),
        plan.machines().stream().map(LocalInstance::name).toList());
    assertEquals(
        List.of("10.89.7.10", "10.89.7.11", "10.89.7.12", "10.89.7.13"),
        plan.machines().stream().map(LocalInstance::privateIp).toList());
    assertEquals(
        List.of("eu-west-1a", "eu-west-1b", "eu-west-1a"),
        plan.inRole("main").stream().map(LocalInstance::zone).toList());
    assertEquals(
        plan,
        MachinePlan.of("team", names, shape, GROUPS, "10.89.7.0/24", zones),
        "the same plan again");
    assertNotEquals(plan.machines().get(0).instanceId(), plan.machines().get(1).instanceId());
    assertEquals(plan.machines(), plan.machinesFile().lines().map(LocalInstance::parse).toList());
  }

  @Test
  void theUserDataIsTheLaunchTemplatesWithEachRefAtItsLocalValue() throws Exception {
    String template =
        """
                {"Resources": {
                  "MainGroup": {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": {
                    "AvailabilityZones": ["eu-west-1a"],
                    "Tags": [{"Key": "dev-cluster:group", "Value": "main"}],
                    "MixedInstancesPolicy": {"LaunchTemplate": {"LaunchTemplateSpecification": {"LaunchTemplateId": {"Ref": "MainLaunchTemplate"}}}}}},
                  "MainLaunchTemplate": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"UserData":
                    {"Fn::Base64": {"Fn::Join": ["", ["{\\"bucket\\":\\"", {"Ref": "BootConfigBucket"}, "\\",\\"stack\\":\\"",
                      {"Ref": "AWS::StackName"}, "\\"}"]]}}}}}}}
                """;
    LocalUserData boot =
        LocalUserData.of(
            new ObjectMapper().readTree(template),
            "main",
            Map.of("BootConfigBucket", "none", "AWS::StackName", "team"));
    assertEquals("MainLaunchTemplate", boot.launchTemplate());
    assertEquals("{\"bucket\":\"none\",\"stack\":\"team\"}", boot.userData());
    assertEquals(List.of("eu-west-1a"), boot.zones());
    assertThrows(
        IllegalStateException.class,
        () -> LocalUserData.of(new ObjectMapper().readTree(template), "main", Map.of()));
  }
}
