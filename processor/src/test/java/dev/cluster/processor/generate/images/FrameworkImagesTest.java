package dev.cluster.processor.generate.images;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.read.ImageTagsFile;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster compiled outside team-cluster, with no option: the framework's index in the processor's
 * jar gives its template an ECR repository for each framework image its units run (the agents, its
 * Redis), the units name those repositories with their content tags, and images.json lists them for
 * {@code images build|push}.
 */
class FrameworkImagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PULL = Pattern.compile("/usr/bin/docker pull (\\S+)");

  @Test
  void withoutOptionsTheUnitsRunOnlyTheRegistrysFrameworkImagesAndTheDeclaredUpstreamOnes()
      throws Exception {
    Map<String, String> index = ImageTagsFile.framework().tagsByFolder();
    Compilation compilation =
        Compile.cluster(
            ClusterSources.valid()
                .with(
                    "Web",
                    """
        @Service(image = "docker.io/library/nginx:1.25", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @Redis
        public class Web {}
        """));
    assertThat(compilation).succeededWithoutWarnings();

    JsonNode template =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow());
    Map<String, String> repositories = new TreeMap<>();
    template
        .get("Resources")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::ECR::Repository")) {
                repositories.put(
                    e.getKey(), e.getValue().at("/Properties/RepositoryName").asText());
              }
            });
    assertEquals(
        Map.of("AgentsRepository", "demo/agents", "RedisRepository", "demo/redis"), repositories);

    Set<String> pulled = new TreeSet<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.OTHER
          && file.getName().contains("/cluster/demo/units/")) {
        Matcher pull = PULL.matcher(file.getCharContent(true));
        while (pull.find()) {
          pulled.add(pull.group(1));
        }
      }
    }
    assertEquals(
        Set.of(
            "${CLUSTER_REGISTRY}/demo/agents:" + index.get("agents"),
            "${CLUSTER_REGISTRY}/demo/redis:" + index.get("redis"),
            "docker.io/library/nginx:1.25"),
        pulled);

    JsonNode manifest =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/images.json").orElseThrow());
    Map<String, String> listed = new TreeMap<>();
    manifest
        .get("images")
        .forEach(image -> listed.put(image.get("repository").asText(), image.get("tag").asText()));
    assertEquals(
        Map.of("demo/agents", index.get("agents"), "demo/redis", index.get("redis")), listed);
    assertTrue(
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, "cluster/demo/images.json")
            .isPresent());
  }

  @Test
  void theIndexKnowsTheFrameworksImagesByContentTag() throws Exception {
    Map<String, String> index = ImageTagsFile.framework().tagsByFolder();
    for (String image :
        Set.of(
            "agents",
            "postgres-patroni",
            "redis",
            "mariadb",
            "front-door",
            "auth-gateway",
            "keycloak",
            "key-service",
            "file-drop",
            "api-proxy",
            "sftp")) {
      assertTrue(index.getOrDefault(image, "").matches("[0-9a-f]{16}"), image + " in " + index);
    }
  }

  @Test
  void theTeamsOwnTagsGoOverTheFrameworks(@TempDir Path dir) throws Exception {
    Path tags = Files.writeString(dir.resolve("image-tags.txt"), "redis 00000000000000bb\n");
    Compilation compilation =
        Compile.cluster(
            ClusterSources.valid()
                .with(
                    "Web",
                    """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @Redis
        public class Web {}
        """),
            "-Adev.cluster.imageTags=" + tags);

    assertThat(compilation).succeededWithoutWarnings();
    String manifest = Compile.generated(compilation, "cluster/demo/images.json").orElseThrow();
    assertTrue(manifest.contains("\"tag\" : \"00000000000000bb\""), manifest);
    assertTrue(
        manifest.contains(
            "\"tag\" : \"" + ImageTagsFile.framework().tagsByFolder().get("agents") + "\""),
        manifest);
  }
}
