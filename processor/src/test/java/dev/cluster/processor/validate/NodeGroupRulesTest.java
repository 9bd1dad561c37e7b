package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** Rules on {@code @NodeGroup}s: one MAIN group, sizes by role, instance types. */
class NodeGroupRulesTest {

  private static ClusterSources withMain(String nodeGroup) {
    return ClusterSources.valid().with("Main", nodeGroup + "\npublic class Main {}\n");
  }

  private static ClusterSources withWorkers(String nodeGroup) {
    return ClusterSources.valid().with("Workers", nodeGroup + "\npublic class Workers {}\n");
  }

  @Test
  void noMainGroupIsAnErrorOnTheCluster() {
    ClusterSources sources =
        withMain(
            """
        @NodeGroup(role = Role.WORKER, min = 1, max = 3, instanceTypes = {"m6i.large", "m6a.large"})""");
    Expect.error(sources, "Demo", "[one-main] cluster demo has no MAIN node group", "@Cluster(");
  }

  @Test
  void aSecondMainGroupIsAnErrorOnItsRole() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Spare",
                """
        @NodeGroup(instanceTypes = {"m6i.large", "m6a.large"}, size = 3,
            role = Role.MAIN)
        public class Spare {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Spare",
            "[one-main] role = MAIN of node group spare (class Spare) and of node group main (class"
                + " Main); a cluster has exactly one etcd cluster",
            "role = Role.MAIN"),
        new Expect.At(
            "Main",
            "[one-main] role = MAIN of node group main (class Main) and of node group spare (class"
                + " Spare)",
            "role = Role.MAIN"));
  }

  @Test
  void minOnAMainGroupIsAnErrorOnMin() {
    ClusterSources sources =
        withMain(
            """
        @NodeGroup(role = Role.MAIN, size = 3, instanceTypes = {"m6i.large", "m6a.large"},
            min = 3)""");
    Expect.error(
        sources,
        "Main",
        "[role-attributes] min = 3 but node group main has role MAIN, which does not read min",
        "min = 3");
  }

  @Test
  void sizeOnAWorkerGroupIsOneErrorOnSize() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, instanceTypes = {"m6i.large", "m6a.large"},
            size = 3)""");
    Expect.error(
        sources,
        "Workers",
        "[role-attributes] size = 3 but node group workers has role WORKER",
        "size = 3");
  }

  @Test
  void evenMainGroupIsAWarningOnSize() {
    ClusterSources sources =
        withMain(
            """
        @NodeGroup(role = Role.MAIN, instanceTypes = {"m6i.large", "m6a.large"},
            size = 4)""");
    Expect.warning(
        sources,
        "Main",
        "[main-odd] size = 4 but etcd on MAIN node group main tolerates 1 lost member(s), as with 3",
        "size = 4");
  }

  @Test
  void mainGroupOfFiveIsFine() {
    Expect.clean(
        withMain(
            "@NodeGroup(role = Role.MAIN, size = 5, instanceTypes = {\"m6i.large\", \"m6a.large\"})"));
  }

  @Test
  void workerMinAboveMaxIsAnErrorOnMin() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, max = 3, instanceTypes = {"m6i.large", "m6a.large"},
            min = 5)""");
    Expect.error(sources, "Workers", "[worker-size] min = 5 but max = 3", "min = 5");
  }

  @Test
  void workerWithoutMaxIsOneErrorAndItsServicesAreNotPlaced() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, instanceTypes = {"m6i.large", "m6a.large"})""");
    Expect.error(
        sources,
        "Workers",
        "[worker-size] max = 0 but WORKER node group workers then never runs a machine",
        "@NodeGroup(");
  }

  @Test
  void workerOfZeroToOneIsFine() {
    ClusterSources sources =
        withWorkers(
            "@NodeGroup(role = Role.WORKER, min = 0, max = 2, instanceTypes = {\"m6i.large\", \"m6a.large\"})");
    Expect.clean(sources);
  }

  @Test
  void dataGroupWithoutSizeIsAnErrorOnTheAnnotation() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Storage",
                """
        @NodeGroup(role = Role.DATA,
            instanceTypes = {"r6i.large", "r6a.large"})
        public class Storage {}
        """);
    Expect.error(
        sources,
        "Storage",
        "[data-size] size = 0 but DATA node group storage is sized by hand",
        "@NodeGroup(role = Role.DATA");
  }

  @Test
  void dataGroupWithMinAndMaxIsReportedAsMisplacedAttributesOnly() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Storage",
                """
        @NodeGroup(role = Role.DATA, instanceTypes = {"r6i.large", "r6a.large"},
            max = 3)
        public class Storage {}
        """);
    Expect.error(
        sources,
        "Storage",
        "[role-attributes] max = 3 but node group storage has role DATA",
        "max = 3");
  }

  @Test
  void dataGroupOfOneIsFine() {
    Expect.clean(
        ClusterSources.valid()
            .with(
                "Storage",
                """
        @NodeGroup(role = Role.DATA, size = 1, instanceTypes = {"r6i.large", "r6a.large"})
        public class Storage {}
        """));
  }

  @Test
  void malformedInstanceTypeIsAnErrorOnThatType() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large",
            "m6a-large"})""");
    Expect.error(
        sources,
        "Workers",
        "[instance-types] instanceTypes[1] = \"m6a-large\" is not an EC2 instance type",
        "\"m6a-large\"");
  }

  @Test
  void instanceTypeListedTwiceIsAnErrorOnTheSecond() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large",
            "m6i.large"})""");
    Expect.error(
        sources,
        "Workers",
        "[instance-types] instanceTypes[2] = \"m6i.large\" is listed twice",
        "    \"m6i.large\"})");
  }

  @Test
  void oneInstanceTypeIsAnError() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4,
            instanceTypes = "m6i.large")""");
    Expect.error(
        sources,
        "Workers",
        "[instance-variety] instanceTypes lists 1 type(s) but node group workers needs at least 2",
        "instanceTypes = ");
  }

  @Test
  void instanceTypeWithoutInTransitEncryptionIsAWarning() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large",
            "t3.large"})""");
    Expect.warning(
        sources,
        "Workers",
        "[nitro-encryption] instanceTypes[1] = \"t3.large\" is not a Nitro type that encrypts traffic between instances, which Control Tower's CT.AUTOSCALING.PR.11 requires",
        "\"t3.large\"");
  }

  @Test
  void encryptingFamiliesAreFine() {
    Expect.clean(
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"c7i.xlarge", "r6a.large", "m7i-flex.large"})"""));
  }

  @Test
  void nodeGroupNameThatIsNotADnsLabelIsAnError() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large"},
            name = "Workers.1")""");
    Expect.error(
        sources,
        "Workers",
        "[node-group-name] the node group name \"Workers.1\" of Workers must be a DNS label",
        "name = ");
  }

  @Test
  void rootDiskSmallerThanTheOsImageIsAnError() {
    ClusterSources sources =
        withWorkers(
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large"},
            diskGb = 4)""");
    Expect.error(
        sources,
        "Workers",
        "[disk-size] diskGb = 4 but the root volume of node group workers must have 8 to 16384 GiB",
        "diskGb = 4");
  }

  @Test
  void rootDiskOfTwoHundredGigabytesIsFine() {
    Expect.clean(
        withWorkers(
            "@NodeGroup(role = Role.WORKER, min = 2, max = 4, diskGb = 200, instanceTypes = {\"m6i.large\", \"m6a.large\"})"));
  }
}
