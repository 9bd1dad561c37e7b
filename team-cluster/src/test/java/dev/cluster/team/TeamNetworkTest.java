package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Who can reach what in the team cluster's template. Gerrit, Buildbot and MediaWiki take the user's
 * name from a header, so only the front door may reach their web ports: it runs on the edge
 * machines of its own, and no other machine's security group is let in on those ports. The
 * gateway's signing key is readable by the edge machines' role alone.
 */
class TeamNetworkTest {
  private static final Pattern PUBLISHED = Pattern.compile("-p \\$\\{PRIVATE_IP}:(\\d+):\\d+");
  private static final List<String> READ_THE_USER_FROM_A_HEADER =
      List.of("gerrit", "wiki", "buildbot");

  private final JsonNode resources =
      new ObjectMapper()
          .readTree(ProjectFiles.read(ProjectFiles.OUTPUTS.resolve("template.json")))
          .get("Resources");

  TeamNetworkTest() throws IOException {}

  @Test
  void onlyTheFrontDoorsMachinesReachThePortsOfAppsThatTrustAHeader() throws IOException {
    int checked = 0;
    for (String service : READ_THE_USER_FROM_A_HEADER) {
      Matcher port =
          PUBLISHED.matcher(
              ProjectFiles.read(ProjectFiles.OUTPUTS.resolve("units/" + service + "@.service")));
      assertTrue(port.find(), service + " publishes a port");
      int web = Integer.parseInt(port.group(1));
      List<String> sources = sourcesAllowedTo("WorkersSecurityGroup", web);
      assertEquals(
          List.of("EdgeSecurityGroup"),
          sources,
          service + " port " + web + " is open to " + sources);
      checked++;
    }
    assertEquals(READ_THE_USER_FROM_A_HEADER.size(), checked);
  }

  @Test
  void onlyTheEdgeRoleMayReadTheGatewaysSigningKey() {
    TreeSet<String> readers = new TreeSet<>();
    for (Map.Entry<String, JsonNode> resource : iterable(resources)) {
      if (resource.getValue().path("Type").asText().equals("AWS::IAM::Role")
          && resource.getValue().toString().contains("front-door-signing-key")) {
        readers.add(resource.getKey());
      }
    }
    assertEquals(new TreeSet<>(List.of("EdgeRole")), readers);
    assertFalse(resources.get("WorkersRole").toString().contains("front-door-signing-key"));
  }

  /** The security groups (or CIDR parameters) let into {@code group} on {@code port}. */
  private List<String> sourcesAllowedTo(String group, int port) {
    List<String> sources = new ArrayList<>();
    for (Map.Entry<String, JsonNode> resource : iterable(resources)) {
      JsonNode rule = resource.getValue();
      if (!rule.path("Type").asText().equals("AWS::EC2::SecurityGroupIngress")) {
        continue;
      }
      JsonNode properties = rule.get("Properties");
      boolean intoGroup =
          properties.path("GroupId").path("Fn::GetAtt").path(0).asText().equals(group);
      boolean coversPort =
          properties.path("FromPort").asInt() <= port && port <= properties.path("ToPort").asInt();
      if (intoGroup && coversPort) {
        JsonNode source = properties.path("SourceSecurityGroupId").path("Fn::GetAtt").path(0);
        sources.add(
            source.isMissingNode() ? resource.getKey() + " (an address range)" : source.asText());
      }
    }
    return sources;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
    return object::fields;
  }
}
