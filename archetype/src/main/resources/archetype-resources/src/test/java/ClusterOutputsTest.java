package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the processor wrote into target/classes/cluster/${clusterName}/ when this project compiled: the template
 * has an autoscaling group per node group, each service has its fleet units, the ports open only where the
 * classes say, and the image of containers/web/ is named with its content tag.
 */
class ClusterOutputsTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Path OUTPUTS = PROJECT.resolve("target/classes/cluster/${clusterName}");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theTemplateHasOneAutoscalingGroupPerNodeGroupWithItsRoleAndSize() throws IOException {
    Map<String, String> groups = new TreeMap<>();
    resources("AWS::AutoScaling::AutoScalingGroup").forEach(group -> {
      JsonNode properties = group.path("Properties");
      groups.put(tag(group, "dev-cluster:group"), tag(group, "dev-cluster:role")
          + " " + properties.path("MinSize").asText() + ".." + properties.path("MaxSize").asText());
    });

    assertEquals(Map.of("main", "main 3..3", "workers", "worker 2..4"), groups);
  }

  @Test
  void everyServiceHasItsPodAppAndPresenceUnitsAndWebAnAmbassadorToTheCache() throws IOException {
    List<String> units;
    try (Stream<Path> files = Files.list(OUTPUTS.resolve("units"))) {
      units = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> expected = new ArrayList<>();
    for (String service : List.of("cache", "web")) {
      expected.addAll(List.of(service + "-pod@.service", service + "-presence@.service", service + "@.service"));
    }
    expected.add("web-amb-cache@.service");

    assertEquals(expected.stream().sorted().toList(), units);
  }

  @Test
  void webIsOpenToTheInternetAndTheCacheOnlyToTheMachinesOfItsUsers() throws IOException {
    Map<Integer, String> openings = new TreeMap<>();
    resources("AWS::EC2::SecurityGroupIngress").forEach(rule -> {
      JsonNode properties = rule.path("Properties");
      int port = properties.path("FromPort").asInt();
      if (port == 80 || port == 6379) {
        openings.put(port, properties.has("CidrIp") ? properties.path("CidrIp").asText()
            : properties.path("SourceSecurityGroupId").path("Fn::GetAtt").path(0).asText());
      }
    });

    assertEquals(Map.of(80, "0.0.0.0/0", 6379, "WorkersSecurityGroup"), openings);
  }

  @Test
  void theImageOfContainersWebIsNamedWithItsContentTag() throws IOException {
    List<String> tags = Files.readAllLines(PROJECT.resolve("target/image-tags.txt"));
    assertEquals(1, tags.size(), "containers/ has one image folder: " + tags);
    String tag = tags.get(0).split(" ")[1];

    JsonNode images = JSON.readTree(OUTPUTS.resolve("images.json").toFile()).path("images");
    assertEquals(1, images.size(), images.toString());
    assertEquals("web", images.path(0).path("folder").asText());
    assertEquals(tag, images.path(0).path("tag").asText());
    String webUnit = Files.readString(OUTPUTS.resolve("units/web@.service"));
    assertTrue(webUnit.contains("/${clusterName}/web:" + tag), "web's unit does not run web:" + tag + ":\n" + webUnit);
  }

  private static List<JsonNode> resources(String type) throws IOException {
    JsonNode template = JSON.readTree(OUTPUTS.resolve("template.json").toFile());
    List<JsonNode> found = new ArrayList<>();
    template.path("Resources").forEach(resource -> {
      if (type.equals(resource.path("Type").asText())) {
        found.add(resource);
      }
    });
    return found;
  }

  private static String tag(JsonNode resource, String key) {
    for (JsonNode tag : resource.path("Properties").path("Tags")) {
      if (key.equals(tag.path("Key").asText())) {
        return tag.path("Value").asText();
      }
    }
    throw new AssertionError("no tag " + key + " on " + resource);
  }
}
