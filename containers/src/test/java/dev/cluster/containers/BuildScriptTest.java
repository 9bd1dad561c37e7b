package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.model.Images;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * build.sh skips the images built FROM an upstream image when that image cannot be pulled, and
 * fails for them when told to insist. The upstream registries are blocked here through podman's
 * registries.conf, so the outcome does not depend on what the network reaches.
 */
class BuildScriptTest {
  @TempDir Path dir;

  @Test
  void skipsUpstreamImagesWhoseBaseCannotBePulled() throws IOException {
    Podman.bases();
    Command.Result skipped = buildSh("gerrit", "elasticsearch", "cassandra", "mongodb");
    assertEquals(0, skipped.exit(), skipped.describe());
    assertEquals("", skipped.out(), "nothing built");
    for (String image : List.of("gerrit", "elasticsearch", "cassandra", "mongodb")) {
      assertTrue(skipped.err().contains(image + ": skipped"), skipped.describe());
    }
  }

  @Test
  void failsForThemWhenToldToInsist() throws IOException {
    Podman.bases();
    Command.Result insisted = buildSh("--with-upstream", "cassandra");
    assertNotEquals(0, insisted.exit(), insisted.describe());
    assertTrue(
        insisted.err().contains("cannot get its base docker.io/library/cassandra:4.1.7"),
        insisted.describe());
  }

  @Test
  void listsEveryImageFolderAndEveryImageTheUnitsReference() throws Exception {
    List<String> listed =
        Command.run(
                Duration.ofSeconds(30),
                List.of(Podman.CONTAINERS.resolve("build.sh").toString(), "--list"))
            .orFail()
            .out()
            .lines()
            .toList();
    // the image folders are containers/'s own; a test-only image (src/test/resources/...) is no
    // image of the cluster
    Set<String> folders =
        ContainerfileLintTest.containerfiles().stream()
            .filter(p -> p.getParent().getParent().equals(Podman.CONTAINERS))
            .map(p -> Podman.CONTAINERS.relativize(p.getParent()).toString())
            .collect(Collectors.toSet());
    assertEquals(folders, listed.stream().map(l -> l.split(" ")[0]).collect(Collectors.toSet()));
    Set<String> images = listed.stream().map(l -> l.split(" ")[1]).collect(Collectors.toSet());
    for (Field field : Images.class.getFields()) {
      String referenced = (String) field.get(null);
      assertTrue(
          images.contains(referenced),
          "build.sh builds no " + referenced + " (Images." + field.getName() + ")");
    }
  }

  /**
   * {@code --maven-modules}, the one list {@code images build} lays apps from, names exactly the
   * Maven modules each Containerfile copies from {@code target/} ({@code target/file-drop.jar},
   * {@code target/front-door-guard/}), and each of them attaches the image artifact it is laid
   * from.
   */
  @Test
  void listsTheMavenModuleOfEveryImageThatCopiesOneAndEachAttachesItsImageArtifact()
      throws IOException {
    Set<String> listed =
        Command.run(
                Duration.ofSeconds(30),
                List.of(Podman.CONTAINERS.resolve("build.sh").toString(), "--maven-modules"))
            .orFail()
            .out()
            .lines()
            .collect(Collectors.toSet());
    Pattern copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*target/([a-z0-9-]+)(?:\\.jar|/)");
    Set<String> copied = new java.util.HashSet<>();
    for (Path containerfile : ContainerfileLintTest.containerfiles()) {
      String image = containerfile.getParent().getFileName().toString();
      Matcher module = copy.matcher(Files.readString(containerfile));
      while (module.find()) {
        if (Files.isRegularFile(Podman.CONTAINERS.resolve(module.group(1)).resolve("pom.xml"))) {
          copied.add(image + " " + module.group(1));
        }
      }
    }
    assertEquals(copied, listed);
    for (String row : listed) {
      String module = row.split(" ")[1];
      assertTrue(
          Files.readString(Podman.CONTAINERS.resolve(module).resolve("pom.xml"))
              .contains("<artifactId>maven-assembly-plugin</artifactId>"),
          module + "'s pom attaches no image artifact (maven-assembly-plugin)");
    }
  }

  @Test
  void refusesAnUnknownImage() {
    Command.Result unknown =
        Command.run(
            Duration.ofSeconds(30),
            List.of(Podman.CONTAINERS.resolve("build.sh").toString(), "no-such-image"));
    assertEquals(2, unknown.exit(), unknown.describe());
  }

  private Command.Result buildSh(String... args) throws IOException {
    Path registries = dir.resolve("registries.conf");
    Files.writeString(
        registries,
        """
        unqualified-search-registries = []
        [[registry]]
        location = "docker.io"
        blocked = true
        [[registry]]
        location = "docker.elastic.co"
        blocked = true
        """);
    List<String> command =
        new ArrayList<>(List.of(Podman.CONTAINERS.resolve("build.sh").toString()));
    command.addAll(List.of(args));
    return Command.run(
        Duration.ofMinutes(2),
        command,
        Map.of("CONTAINERS_REGISTRIES_CONF", registries.toString()),
        null);
  }
}
