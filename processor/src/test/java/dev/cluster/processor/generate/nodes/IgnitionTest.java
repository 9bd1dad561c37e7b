package dev.cluster.processor.generate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.processor.generate.text.SystemdUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two Ignition configs of a node group: the hashed object, and the user data that merges it in.
 */
class IgnitionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SystemdUnit SIGNAL =
      SystemdUnit.builder("signal.service")
          .section("Service")
          .add("ExecStart", "/opt/bin/signal " + StackRef.to("AWS::StackName"))
          .section("Install")
          .add("WantedBy", "multi-user.target")
          .build();
  private static final NodeFile ENV =
      new NodeFile("/etc/cluster/stack.env", 0644, "ZONE=" + StackRef.to("HostedZoneId") + "\n");

  @Test
  void theUserDataCarriesTheFilesAndUnitsThatHoldDeployTimeValuesBesideTheMerge() throws Exception {
    JsonNode userData =
        JSON.readTree(
            Ignition.pointer(
                "s3://bucket/demo/nodes/main/ab.ign",
                "ab",
                new NodeSetup(List.of(ENV), List.of(SIGNAL))));
    assertEquals("3.3.0", userData.at("/ignition/version").asText());
    assertEquals(
        "s3://bucket/demo/nodes/main/ab.ign",
        userData.at("/ignition/config/merge/0/source").asText());
    assertEquals("sha512-ab", userData.at("/ignition/config/merge/0/verification/hash").asText());
    assertEquals(
        "data:,ZONE%3D@@Ref:HostedZoneId@@%0A",
        userData.at("/storage/files/0/contents/source").asText());
    assertEquals("signal.service", userData.at("/systemd/units/0/name").asText());
    assertTrue(userData.at("/systemd/units/0/enabled").asBoolean());
    assertTrue(
        userData.at("/systemd/units/0/contents").asText().contains("@@Ref:AWS::StackName@@"));
  }

  @Test
  void theHashedConfigRefusesADeployTimeValue() {
    IllegalStateException unit =
        assertThrows(
            IllegalStateException.class,
            () -> Ignition.config(new NodeSetup(List.of(), List.of(SIGNAL))));
    assertTrue(
        unit.getMessage().startsWith("signal.service refers to a deploy-time value"),
        unit.getMessage());
    assertThrows(
        IllegalStateException.class, () -> Ignition.config(new NodeSetup(List.of(ENV), List.of())));
  }
}
