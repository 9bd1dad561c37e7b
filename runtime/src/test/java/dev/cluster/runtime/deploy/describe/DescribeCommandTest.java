package dev.cluster.runtime.deploy.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeCommandTest {
  @Test
  void describePrintsServicesParametersAndSecretsAsAlignedText() {
    CliRun run = CliRun.run(TestClusters.team(), "describe");

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        """
                Cluster team (stack team, default region eu-west-1)

                Node groups
                  NODE GROUP  ROLE    MACHINES  INSTANCE TYPES        SERVICES
                  main        MAIN    3         m6i.large, m6a.large  gerrit
                  edge        WORKER  1..4      m6i.large, m6a.large  dns

                Services
                  SERVICE  NODE GROUP  REPLICAS  UNITS
                  gerrit   main        2         gerrit@.service x2
                  dns      edge        1         dns-updater.service

                What each service is
                  SERVICE  IMAGE                      PORTS                         URL (WHO MAY USE IT)                                     USES
                  gerrit   dev-cluster/gerrit:3.10.1  8080/tcp http, 29418/tcp ssh  https://review.team.example.com (members of developers)  -
                  dns                                                               -                                                        -

                Stack parameters (* required: pass --param NAME=VALUE to plan and deploy)
                     NAME          DEFAULT    DESCRIPTION
                  *  KeyName       -          EC2 key pair for ssh to the nodes
                     InstanceType  t3.medium  EC2 instance type of main nodes

                Secrets (AWS Secrets Manager; store with: secrets set NAME)
                  SECRET                   USED BY  DESCRIPTION
                  team/gerrit/db-password  gerrit   Gerrit database password
                """,
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void describeUsesTheStackNameGiven() {
    CliRun run = CliRun.run(TestClusters.team(), "describe", "--stack", "team-staging");

    assertTrue(run.out().startsWith("Cluster team (stack team-staging,"), run.out());
  }

  @Test
  void describeAsJsonMarksRequiredParameters() throws Exception {
    CliRun run = CliRun.run(TestClusters.team(), "describe", "--output", "json");

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("team", json.get("cluster").asText());
    assertTrue(json.get("parameters").get(0).get("required").asBoolean());
    assertEquals("t3.medium", json.get("parameters").get(1).get("defaultValue").asText());
    assertEquals("gerrit", json.get("secrets").get(0).get("usedBy").get(0).asText());
  }

  @Test
  void aDataGroupsServicesAreSaidToRunOnEveryMachineOutsideFleet() {
    ClusterDescriptor team = TestClusters.team();
    ClusterDescriptor withData =
        new ClusterDescriptor(
            team.name(),
            team.defaultRegion(),
            team.templateResource(),
            team.parameters(),
            team.units(),
            team.secrets(),
            List.of(
                team.nodeGroups().get(0),
                new NodeGroupInfo("data", "DATA", 3, 3, List.of("r6i.large"), "DataGroupName")),
            List.of(team.services().get(0), new ServiceInfo("search", "data", 3, List.of())));

    CliRun run = CliRun.run(withData, "describe");

    assertTrue(
        run.out()
            .contains(
                "  search   data        3         systemd units on every machine (nodes/data/)\n"),
        run.out());
  }
}
