package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.runtime.images.ImageContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every image the team cluster's units pull from the cluster's registry has its repository in the
 * template; the jar's images.json names the tags the units pull; and those are the content tags of
 * the checkout's folders under containers/ (ImageContent, the one definition), so {@code images
 * push} pushes exactly what the units run.
 */
class TeamImagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REGISTRY_IMAGE =
      Pattern.compile("\\$\\{CLUSTER_REGISTRY}/team/([a-z0-9._-]+):([A-Za-z0-9_.-]+)");

  private static Map<String, String> pulledFromTheRegistry() throws IOException {
    Map<String, String> tags = new TreeMap<>();
    try (Stream<Path> files = Files.walk(ProjectFiles.OUTPUTS)) {
      for (Path unit : files.filter(p -> p.toString().endsWith(".service")).toList()) {
        Matcher m = REGISTRY_IMAGE.matcher(ProjectFiles.read(unit));
        while (m.find()) {
          String previous = tags.put(m.group(1), m.group(2));
          assertTrue(
              previous == null || previous.equals(m.group(2)),
              m.group(1) + " is pulled as " + previous + " and " + m.group(2));
        }
      }
    }
    return tags;
  }

  @Test
  void everyImageTheUnitsPullFromTheRegistryHasItsRepositoryAndOutput() throws IOException {
    Map<String, String> pulled = pulledFromTheRegistry();
    JsonNode template = JSON.readTree(ProjectFiles.OUTPUTS.resolve("template.json").toFile());
    TreeSet<String> repositories = new TreeSet<>();
    template
        .get("Resources")
        .forEach(
            resource -> {
              if (resource.path("Type").asText().equals("AWS::ECR::Repository")) {
                repositories.add(resource.at("/Properties/RepositoryName").asText());
              }
            });
    assertEquals(
        new TreeSet<>(pulled.keySet().stream().map(name -> "team/" + name).toList()), repositories);
    assertTrue(
        pulled.containsKey("agents")
            && pulled.containsKey("gerrit")
            && pulled.containsKey("intranet"),
        pulled.toString());
  }

  @Test
  void theManifestNamesTheTagsTheUnitsPullAndTheyAreTheCheckoutsContentTags() throws IOException {
    Map<String, String> pulled = pulledFromTheRegistry();
    JsonNode images =
        JSON.readTree(ProjectFiles.OUTPUTS.resolve("images.json").toFile()).get("images");
    assertTrue(images.size() >= 10, images.toString());
    for (JsonNode image : images) {
      String folder = image.get("folder").asText();
      assertEquals(pulled.get(folder), image.get("tag").asText(), folder);
      assertEquals(
          ImageContent.tag(ProjectFiles.REPO.resolve("containers").resolve(folder)),
          image.get("tag").asText(),
          "containers/" + folder + " changed since team-cluster was compiled");
    }
  }
}
