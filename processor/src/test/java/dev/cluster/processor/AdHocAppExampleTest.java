package dev.cluster.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.read.ImageTagsFile;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ad-hoc app of the README ("Adding your own app"), taken from the README itself so the two
 * cannot drift, compiled with the real processor: how a team tests a service it adds. Copy this
 * test, put your class in, and assert on what your cluster needs: here its route behind the
 * sign-in, its fleet units and the one security group rule that lets the front door reach it.
 */
class AdHocAppExampleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Surefire runs the tests in the module's folder. */
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  /** The first block of a kind after the README's heading "Adding your own app". */
  private static String readmeBlock(String language) throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"));
    int section = readme.indexOf("## Adding your own app");
    assertTrue(section >= 0, "README.md has no section \"Adding your own app\"");
    Matcher block =
        Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(
        block.find(section), "no ```" + language + " block in README.md's \"Adding your own app\"");
    return block.group(1);
  }

  /**
   * The README's class in a small cluster with a front door, the sign-in and the group the class
   * names.
   */
  private static ClusterSources clusterWithTheReadmesApp() throws IOException {
    return ClusterSources.withSignIn()
        .without("Door")
        .with(
            "Developers",
            """
            @Group(description = "Everyone who writes code for the team")
            public class Developers {}
            """)
        .with(
            "Nginx",
            """
            @Service(image = "dev-cluster/front-door:1.22", replicas = 3, runsOn = Main.class,
                ports = {@Port(value = 80, name = "http"), @Port(value = 443, name = "https")})
            @Public(reason = "the front door")
            @FrontDoor
            public class Nginx {}
            """)
        .with("Noticeboard", readmeBlock("java"));
  }

  @Test
  void theReadmesExampleIsWhatTeamClusterDeclaresAndWhatContainersBuilds() throws IOException {
    String declared =
        Files.readString(
            REPO.resolve("team-cluster/src/main/java/dev/cluster/team/Noticeboard.java"));
    assertTrue(
        declared.endsWith(readmeBlock("java")),
        "README.md shows another class than team-cluster's:\n" + declared);
    assertEquals(
        Files.readString(REPO.resolve("containers/noticeboard/Containerfile")),
        readmeBlock("dockerfile"));
    assertTrue(
        Files.readString(REPO.resolve("containers/build.sh"))
            .contains("\"noticeboard      0.1.0      bookworm\""));
  }

  @Test
  void theExampleCompilesCleanly() throws IOException {
    assertThat(Compile.cluster(clusterWithTheReadmesApp())).succeededWithoutWarnings();
  }

  @Test
  void itIsRoutedBehindTheSignInForItsGroupOnly() throws IOException {
    Compilation compilation = Compile.cluster(clusterWithTheReadmesApp());
    String route =
        Compile.generated(compilation, "cluster/demo/config/front-door/noticeboard.conf")
            .orElseThrow();
    assertTrue(route.contains("server_name noticeboard.demo.example.com;"), route);
    assertTrue(route.contains("auth_request /_front_door_auth;"), route);
    assertTrue(route.contains("/auth?groups=developers;"), route);
    String frontDoor =
        Compile.generated(compilation, "cluster/demo/units/nginx@.service").orElseThrow();
    assertTrue(
        frontDoor.contains(
            "-v /run/cluster/config/front-door/noticeboard.conf:/etc/nginx/conf.d/noticeboard.conf:ro"),
        frontDoor);
  }

  @Test
  void onlyTheFrontDoorsMachinesMayReachTheApp() throws Exception {
    Compilation compilation = Compile.cluster(clusterWithTheReadmesApp());
    JsonNode resources =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow())
            .get("Resources");
    JsonNode fromFrontDoor = resources.get("WorkersFromMainTCP8094");
    assertEquals("AWS::EC2::SecurityGroupIngress", fromFrontDoor.get("Type").asText());
    assertEquals(8094, fromFrontDoor.at("/Properties/FromPort").asInt());
    assertEquals(8094, fromFrontDoor.at("/Properties/ToPort").asInt());
    assertTrue(
        resources.at("/WorkersFromMainTCP8094/Properties/SourceSecurityGroupId").isObject(),
        "from the front door's node group, not from an address range");
    resources
        .fieldNames()
        .forEachRemaining(
            name ->
                assertFalse(
                    name.startsWith("WorkersFromInternet"), "the app is not public: " + name));
  }

  @Test
  void itsUnitsRunTheImageOnItsPortAndAnnounceItWhileItRuns() throws IOException {
    Compilation compilation = Compile.cluster(clusterWithTheReadmesApp());
    assertTrue(
        Compile.generated(compilation, "cluster/demo/units/noticeboard-pod@.service")
            .orElseThrow()
            .contains("MachineMetadata=group=workers"));
    String app =
        Compile.generated(compilation, "cluster/demo/units/noticeboard@.service").orElseThrow();
    // From the cluster's registry, by the content tag of containers/noticeboard (in the processor's
    // index).
    // Behind the sign-in, it is told its host name, its groups and the public key that checks the
    // front door's proofs.
    assertTrue(
        app.contains(
            """
        ExecStart=/usr/bin/docker run --rm \\
            --name noticeboard-%i \\
            -p ${PRIVATE_IP}:8094:8094 \\
            -e FRONT_DOOR_AUDIENCE=noticeboard.demo.example.com \\
            -e FRONT_DOOR_GROUPS=developers \\
            --env-file /run/cluster/secrets/noticeboard-%i.env \\
            ${CLUSTER_REGISTRY}/demo/noticeboard:CONTENT_TAG
        """
                .replace(
                    "CONTENT_TAG", ImageTagsFile.framework().tagsByFolder().get("noticeboard"))),
        app);
    String presence =
        Compile.generated(compilation, "cluster/demo/units/noticeboard-presence@.service")
            .orElseThrow();
    assertTrue(
        presence.contains(
            "presence --etcd http://127.0.0.1:2379 --service noticeboard --instance %i"
                + " --host ${PRIVATE_IP} --port http=8094 --ttl 10"),
        presence);
  }
}
