package dev.cluster.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import org.junit.jupiter.api.Test;

/**
 * The ad-hoc app of {@code containers/README-apps.md}, compiled with the real processor: how a team
 * tests a service it adds. Copy this test, put your class in, and assert on what your cluster needs: here
 * its fleet units and the one security group rule that lets the front door reach it.
 */
class AdHocAppExampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The README's example, word for word, in a small cluster that has a front door and a group. */
  private static ClusterSources clusterWithStandupTimer() {
    return ClusterSources.valid()
        .with("Developers", """
            @Group(description = "Everyone who writes code for the team")
            public class Developers {}
            """)
        .with("Nginx", """
            @Service(image = "dev-cluster/front-door:1.22", replicas = 3, runsOn = Main.class,
                ports = {@Port(value = 80, name = "http"), @Port(value = 443, name = "https")})
            @Public(reason = "the front door")
            @FrontDoor
            public class Nginx {}
            """)
        .with("StandupTimer", """
            /** Keeps our stand-ups short. Its image: containers/standup-timer/Containerfile. */
            @Service(image = "dev-cluster/standup-timer:0.1.0", runsOn = Workers.class,
                ports = @Port(value = 8090, name = "http"))
            @Route(allow = Developers.class)
            @Health(path = "/healthz")
            public class StandupTimer {}
            """);
  }

  @Test
  void theExampleCompilesCleanly() {
    assertThat(Compile.cluster(clusterWithStandupTimer())).succeededWithoutWarnings();
  }

  @Test
  void onlyTheFrontDoorsMachinesMayReachTheApp() throws Exception {
    Compilation compilation = Compile.cluster(clusterWithStandupTimer());
    JsonNode resources = JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow())
        .get("Resources");
    JsonNode fromFrontDoor = resources.get("WorkersFromMainTCP8090");
    assertEquals("AWS::EC2::SecurityGroupIngress", fromFrontDoor.get("Type").asText());
    assertEquals(8090, fromFrontDoor.at("/Properties/FromPort").asInt());
    assertEquals(8090, fromFrontDoor.at("/Properties/ToPort").asInt());
    assertTrue(resources.at("/WorkersFromMainTCP8090/Properties/SourceSecurityGroupId").isObject(),
        "from the front door's node group, not from an address range");
    resources.fieldNames().forEachRemaining(name ->
        assertFalse(name.startsWith("WorkersFromInternet"), "the app is not public: " + name));
  }

  @Test
  void itsUnitsRunTheImageOnItsPortAndAnnounceItWhileItRuns() {
    Compilation compilation = Compile.cluster(clusterWithStandupTimer());
    assertTrue(Compile.generated(compilation, "cluster/demo/units/standup-timer-pod@.service").orElseThrow()
        .contains("MachineMetadata=group=workers"));
    String app = Compile.generated(compilation, "cluster/demo/units/standup-timer@.service").orElseThrow();
    assertTrue(app.contains("docker run --rm --name standup-timer-%i -p ${PRIVATE_IP}:8090:8090 "
        + "dev-cluster/standup-timer:0.1.0"), app);
    String presence = Compile.generated(compilation, "cluster/demo/units/standup-timer-presence@.service").orElseThrow();
    assertTrue(presence.contains("presence --etcd http://127.0.0.1:2379 --service standup-timer --instance %i"
        + " --host ${PRIVATE_IP} --port http=8090 --ttl 10"), presence);
  }
}
