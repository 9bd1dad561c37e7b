package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** The unit's variable for the cluster's registry host (split so that the archetype's templating leaves it). */
  private static final String REGISTRY = "$" + "{CLUSTER_REGISTRY}/";

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
  void everyServiceHasItsPodAppAndPresenceUnitsAndWebAnAmbassadorToTheCacheOnItsPodNetwork() throws IOException {
    List<String> units;
    try (Stream<Path> files = Files.list(OUTPUTS.resolve("units"))) {
      units = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    List<String> expected = new ArrayList<>();
    for (String service : List.of("cache", "web")) {
      expected.addAll(List.of(service + "-pod@.service", service + "-presence@.service", service + "@.service"));
    }
    expected.addAll(List.of("web-amb-cache@.service", "web-net@.service"));

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

    Map<String, String> images = imagesJson();
    assertEquals(tag, images.get("${clusterName}/web"), images.toString());
    String webUnit = Files.readString(OUTPUTS.resolve("units/web@.service"));
    assertTrue(webUnit.contains("/${clusterName}/web:" + tag), "web's unit does not run web:" + tag + ":\n" + webUnit);
  }

  /**
   * Every image a unit pulls is in the cluster's own registry, in a repository its template creates, by the tag
   * images.json gives it (`images build|push` make them): the framework's agents and redis as well as web.
   */
  @Test
  void theUnitsPullOnlyImagesOfTheTemplatesRepositories() throws IOException {
    Map<String, String> images = imagesJson();
    assertEquals(List.of("${clusterName}/agents", "${clusterName}/redis", "${clusterName}/web"),
        new ArrayList<>(new TreeMap<>(images).keySet()));
    List<String> repositories = new ArrayList<>();
    resources("AWS::ECR::Repository").forEach(r -> repositories.add(r.path("Properties").path("RepositoryName").asText()));
    Pattern pull = Pattern.compile("docker pull (\\S+)");
    try (Stream<Path> units = Files.list(OUTPUTS.resolve("units"))) {
      for (Path unit : units.toList()) {
        Matcher m = pull.matcher(Files.readString(unit));
        while (m.find()) {
          String image = m.group(1);
          assertTrue(image.startsWith(REGISTRY), unit.getFileName() + " pulls " + image + " from outside");
          String[] name = image.substring(REGISTRY.length()).split(":");
          assertEquals(images.get(name[0]), name[1], unit.getFileName() + " pulls " + image);
          assertTrue(repositories.contains(name[0]), "no repository " + name[0] + " in " + repositories);
        }
      }
    }
  }

  /** images.json as repository -> tag. */
  private static Map<String, String> imagesJson() throws IOException {
    Map<String, String> images = new LinkedHashMap<>();
    JSON.readTree(OUTPUTS.resolve("images.json").toFile()).path("images")
        .forEach(image -> images.put(image.path("repository").asText(), image.path("tag").asText()));
    return images;
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
