package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster compiled outside team-cluster, by plain javac with the processor and the runtime on its
 * class path and no option: its units pull only images its template's ECR repositories hold (with
 * the content tags images.json lists) or the upstream image it declares, and its deploy client's
 * {@code images build}, run from no checkout and without {@code --containers}, unpacks the
 * framework's container sources shipped in the runtime's jar and builds the Redis image with podman
 * on the local Debian base, and file drop's from its app's image artifact in a Maven repository.
 */
class ShippedSourcesImageBuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PULL = Pattern.compile("/usr/bin/docker pull (\\S+)");

  /**
   * The cluster's name, which its images are named after: the tests' podman prefix keeps them
   * apart.
   */
  private static final String CLUSTER =
      Podman.namePrefix().replaceAll("[^a-z0-9-]", "") + "shipped";

  private static final Map<String, String> SOURCES =
      GeneratedCluster.withMainAndWorkers(
          "Shipped",
          CLUSTER,
          Map.of(
              "Web",
                  """
          @Service(image = "docker.io/library/nginx:1.25", replicas = 2, runsOn = Workers.class,
              ports = @Port(value = 8080, name = "http"))
          @Redis
          public class Web {}
          """,
              "Drop",
                  """
          @Service(image = "dev-cluster/file-drop:0.1.0", runsOn = Workers.class, ports = @Port(value = 8091, name = "http"))
          @Health(path = "/healthz")
          public class Drop {}
          """,
              "Id",
                  """
          @Service(image = "dev-cluster/keycloak:26.5.6", runsOn = Workers.class, ports = @Port(value = 8081, name = "http"))
          public class Id {}
          """));

  @TempDir Path dir;
  private final List<String> images = new ArrayList<>();

  @AfterEach
  void removeImages() {
    if (!images.isEmpty()) {
      List<String> rmi = new ArrayList<>(List.of("podman", "rmi", "--ignore"));
      rmi.addAll(images);
      Command.run(Duration.ofMinutes(1), rmi);
    }
  }

  @Test
  void aClusterCompiledWithNoOptionRunsOnlyItsRegistrysImagesAndBuildsThemFromTheJarsSources()
      throws Exception {
    Path classes = compile();
    Path outputs = classes.resolve("cluster/" + CLUSTER);

    Map<String, String> manifest = new TreeMap<>();
    for (JsonNode image : JSON.readTree(outputs.resolve("images.json").toFile()).get("images")) {
      manifest.put(image.get("repository").asText(), image.get("tag").asText());
    }
    Set<String> repositories = new TreeSet<>();
    JSON.readTree(outputs.resolve("template.json").toFile())
        .get("Resources")
        .forEach(
            resource -> {
              if (resource.path("Type").asText().equals("AWS::ECR::Repository")) {
                repositories.add(resource.at("/Properties/RepositoryName").asText());
              }
            });
    assertEquals(
        Set.of(
            CLUSTER + "/agents", CLUSTER + "/redis", CLUSTER + "/file-drop", CLUSTER + "/keycloak"),
        repositories);
    assertEquals(repositories, manifest.keySet());
    Set<String> expected = new TreeSet<>(Set.of("docker.io/library/nginx:1.25"));
    manifest.forEach(
        (repository, tag) -> expected.add("${CLUSTER_REGISTRY}/" + repository + ":" + tag));
    assertEquals(expected, pulls(outputs.resolve("units")));

    String redis = CLUSTER + "/redis:" + manifest.get(CLUSTER + "/redis");
    images.addAll(List.of(redis, CLUSTER + "/redis:7.0"));
    List<String> bases = Podman.bases();
    Command.Result build =
        Command.run(
            Duration.ofMinutes(15),
            List.of(
                javaBin(),
                "-cp",
                classes + File.pathSeparator + runtimeClassPath(),
                "shipped.ShippedCluster",
                "images",
                "build",
                "redis",
                "--base-bookworm",
                bases.get(0),
                "--base-trixie",
                bases.get(1)));

    assertEquals(0, build.exit(), build.describe());
    assertTrue(
        build.err().contains("unpacking the framework's container sources shipped in the jar"),
        build.describe());
    assertTrue(build.out().contains(redis) && build.out().contains("built"), build.describe());
    assertTrue(
        Command.run(Duration.ofSeconds(30), List.of("podman", "image", "exists", redis)).ok(),
        "podman has no " + redis);
    assertTrue(
        Command.run(
                Duration.ofSeconds(30),
                List.of(
                    "podman", "run", "--rm", "--entrypoint", "redis-server", redis, "--version"))
            .orFail()
            .out()
            .startsWith("Redis server v=7.0"));
  }

  @Test
  void anImageThatCopiesMavenBuiltJarsSaysToBuildItFromTheCheckout() throws Exception {
    Path classes = compile();

    Command.Result build =
        Command.run(
            Duration.ofMinutes(5),
            List.of(
                javaBin(),
                "-cp",
                classes + File.pathSeparator + runtimeClassPath(),
                "shipped.ShippedCluster",
                "images",
                "build",
                "agents"));

    assertEquals(1, build.exit(), build.describe());
    assertTrue(
        build
                .err()
                .contains(
                    "agents: its image copies the runtime's jar and libraries (agents/target/lib), built by"
                        + " Maven in the framework's checkout")
            && build.err().contains("images build --containers CHECKOUT/containers agents")
            && build.err().contains("containers/build.sh failed building agents"),
        build.describe());
  }

  /**
   * File drop's image copies its app's jar and libraries, which the shipped sources do not hold:
   * {@code images build} lays them from the app's image artifact in the Maven repository it is
   * given (as this build made it), and the image runs file drop.
   */
  @Test
  void
      anImageThatCopiesAMavenBuiltAppBuildsFromTheShippedSourcesWithTheAppsArtifactFromAMavenRepository()
          throws Exception {
    Path classes = compile();
    Path repository = dir.resolve("maven-repo");
    String version = System.getProperty("framework.version");
    String artifact = "dev.cluster:file-drop:zip:image:" + version;
    Path zip =
        Files.createDirectories(repository.resolve("dev/cluster/file-drop/" + version))
            .resolve("file-drop-" + version + "-image.zip");
    Files.copy(appImageArtifact("file-drop"), zip);
    String built = builtName(classes, "file-drop");
    images.addAll(List.of(built, CLUSTER + "/file-drop:0.1.0"));
    List<String> bases = Podman.bases();

    Command.Result build =
        Command.run(
            Duration.ofMinutes(15),
            List.of(
                javaBin(),
                "-cp",
                classes + File.pathSeparator + runtimeClassPath(),
                "shipped.ShippedCluster",
                "images",
                "build",
                "file-drop",
                "--maven-repo",
                repository.toString(),
                "--base-bookworm",
                bases.get(0),
                "--base-trixie",
                bases.get(1)));

    assertEquals(0, build.exit(), build.describe());
    assertTrue(
        build.err().contains("laying " + artifact + " from " + repository), build.describe());
    assertTrue(build.out().contains(built) && build.out().contains("built"), build.describe());
    // no network: the health check asks file drop on the container's own loopback, and no test port
    // can clash
    try (Podman.Container drop =
        Podman.runOn(
            "none",
            built,
            List.of(
                "-e",
                "PUBLIC_URL=https://drop.example.com",
                "-e",
                "SMTP_HOST=smtp.example.com",
                "-e",
                "MAIL_FROM=drop@example.com"))) {
      drop.awaitHealthy(Duration.ofMinutes(3));
    }
  }

  /**
   * Keycloak's image copies its distribution, fetched from Maven Central at the root pom's
   * keycloak.version: the shipped sources carry that pom and the script that fetches it, so it
   * builds from them and runs that version.
   */
  @Test
  void keycloakBuildsFromTheShippedSourcesAtTheRootPomsVersion() throws Exception {
    Path classes = compile();
    String built = builtName(classes, "keycloak");
    images.addAll(List.of(built, CLUSTER + "/keycloak:26.5.6"));
    List<String> bases = Podman.bases();

    Command.Result build =
        Command.run(
            Duration.ofMinutes(20),
            List.of(
                javaBin(),
                "-cp",
                classes + File.pathSeparator + runtimeClassPath(),
                "shipped.ShippedCluster",
                "images",
                "build",
                "keycloak",
                "--base-bookworm",
                bases.get(0),
                "--base-trixie",
                bases.get(1)));

    assertEquals(0, build.exit(), build.describe());
    assertTrue(build.out().contains(built) && build.out().contains("built"), build.describe());
    Command.Result version =
        Command.run(
            Duration.ofMinutes(2),
            List.of(
                "podman",
                "run",
                "--rm",
                "--network",
                "none",
                "--entrypoint",
                "/opt/keycloak/bin/kc.sh",
                built,
                "--version"));
    assertTrue(version.out().contains("Keycloak 26.5.6"), version.describe());
  }

  @Test
  void
      anAppsImageArtifactInNoMavenRepositoryLookedInIsAnErrorNamingItsCoordinatesThePlacesAndWhatToDo()
          throws Exception {
    Path classes = compile();
    Path empty = Files.createDirectories(dir.resolve("empty-repo"));
    String artifact = "dev.cluster:file-drop:zip:image:" + System.getProperty("framework.version");

    Command.Result build =
        Command.run(
            Duration.ofMinutes(5),
            List.of(
                javaBin(),
                "-cp",
                classes + File.pathSeparator + runtimeClassPath(),
                "shipped.ShippedCluster",
                "images",
                "build",
                "file-drop",
                "--maven-repo",
                empty.toString()));

    assertEquals(1, build.exit(), build.describe());
    assertTrue(
        build
                .err()
                .contains(
                    "the image file-drop copies the app file-drop, built by Maven: its image artifact "
                        + artifact
                        + " is in none of the Maven repositories looked in ("
                        + empty
                        + ")")
            && build.err().contains("mvn dependency:get -Dartifact=" + artifact)
            && build.err().contains("--maven-repo DIR|URL")
            && build.err().contains("images build --containers CHECKOUT/containers file-drop"),
        build.describe());
    assertTrue(
        !build.err().contains("building file-drop"),
        "nothing is built without the app\n" + build.describe());
  }

  /**
   * From a cluster's shaded jar (team-cluster.jar, as its build makes it), the agents image builds
   * from the shipped sources too: its libraries are the jar itself, which carries the runtime and
   * everything it uses, and the image runs the agents.
   */
  @Test
  void theAgentsImageBuildsFromAShadedClustersJarWithThatJarAsItsLibraries() throws Exception {
    Path jar =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(Path::of)
            .filter(entry -> entry.getFileName().toString().equals("team-cluster.jar"))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "team-cluster.jar, the shaded jar of `mvn verify`, is not on the test class path"));
    JsonNode agents = null;
    try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
      for (JsonNode image :
          JSON.readTree(zip.getInputStream(zip.getEntry("cluster/team/images.json")))
              .get("images")) {
        if (image.get("folder").asText().equals("agents")) {
          agents = image;
        }
      }
    }
    String built = agents.get("repository").asText() + ":" + agents.get("tag").asText();
    images.addAll(List.of(built, "team/agents:0.1.0"));
    List<String> bases = Podman.bases();

    Command.Result build =
        Command.run(
            Duration.ofMinutes(15),
            List.of(
                javaBin(),
                "-jar",
                jar.toString(),
                "images",
                "build",
                "agents",
                "--base-bookworm",
                bases.get(0),
                "--base-trixie",
                bases.get(1)));

    assertEquals(0, build.exit(), build.describe());
    assertTrue(build.out().contains(built) && build.out().contains("built"), build.describe());
    Command.Result help =
        Command.run(Duration.ofMinutes(1), List.of("podman", "run", "--rm", built, "--help"));
    assertTrue(
        help.out().contains("ambassador    steers a local HAProxy")
            || help.err().contains("ambassador    steers a local HAProxy"),
        help.describe());
  }

  /**
   * javac with the processor found on the class path, as a team's own build runs it: no -A option.
   */
  private Path compile() throws Exception {
    Path sources = Files.createDirectories(dir.resolve("src/shipped"));
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : SOURCES.entrySet()) {
      Path file = sources.resolve(source.getKey() + ".java");
      Files.writeString(
          file, "package shipped;\n\nimport dev.cluster.annotations.*;\n\n" + source.getValue());
      files.add(file.toString());
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path generated = Files.createDirectories(dir.resolve("generated"));
    List<String> options =
        List.of("-d", classes.toString(), "-s", generated.toString(), "-cp", runtimeClassPath());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager fileManager =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          javac
              .getTask(
                  diagnostics,
                  fileManager,
                  null,
                  options,
                  null,
                  fileManager.getJavaFileObjectsFromStrings(files))
              .call();
      assertTrue(compiled, diagnostics.toString());
    }
    assertTrue(!diagnostics.toString().contains("warning"), diagnostics.toString());
    return classes;
  }

  /**
   * The image name the cluster's images.json gives {@code folder}: its repository and content tag.
   */
  private static String builtName(Path classes, String folder) throws Exception {
    for (JsonNode image :
        JSON.readTree(classes.resolve("cluster/" + CLUSTER + "/images.json").toFile())
            .get("images")) {
      if (image.get("folder").asText().equals(folder)) {
        return image.get("repository").asText() + ":" + image.get("tag").asText();
      }
    }
    throw new AssertionError("images.json lists no " + folder);
  }

  /**
   * The app module's image artifact as this build made it: beside its jar, on the test class path
   * (the package phase of `mvn verify`).
   */
  private static Path appImageArtifact(String module) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(entry -> entry.getFileName().toString().equals(module + ".jar"))
        .map(jar -> jar.resolveSibling(module + "-image.zip"))
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    module
                        + "-image.zip, made beside "
                        + module
                        + ".jar by `mvn verify`'s package"
                        + " phase, is not there: the test class path has "
                        + System.getProperty("java.class.path")));
  }

  private static Set<String> pulls(Path units) throws Exception {
    Set<String> pulled = new TreeSet<>();
    try (Stream<Path> files = Files.list(units)) {
      for (Path unit : files.toList()) {
        Matcher pull = PULL.matcher(Files.readString(unit));
        while (pull.find()) {
          pulled.add(pull.group(1));
        }
      }
    }
    return pulled;
  }

  /**
   * This test's class path without team-cluster's jar, whose cluster and runtime copy are not the
   * cluster's.
   */
  private static String runtimeClassPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("team-cluster"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
