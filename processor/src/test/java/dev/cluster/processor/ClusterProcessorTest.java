package dev.cluster.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.JavacRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real processor on source files: what it writes, and that it writes the same thing every way.
 */
class ClusterProcessorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClusterSources withDatabaseUser() {
    return ClusterSources.valid()
        .with(
            "Web",
            """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
                ports = @Port(value = 8080, name = "http"))
            @Postgres
            @BtsyncVolume(path = "/data")
            public class Web {}
            """)
        .with(
            "Proxy",
            """
            @Service(image = "example/proxy:1.0", replicas = 3, runsOn = Main.class,
                uses = Web.class, ports = @Port(443))
            @Public(reason = "TLS endpoint")
            public class Proxy {}
            """);
  }

  @Test
  void writesTheTemplateIntoTheClassOutput() throws Exception {
    Compilation compilation = Compile.cluster(withDatabaseUser());
    assertThat(compilation).succeededWithoutWarnings();
    JsonNode template =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow());
    JsonNode resources = template.get("Resources");
    assertEquals("AWS::EC2::LaunchTemplate", resources.at("/WorkersLaunchTemplate/Type").asText());
    assertEquals("eu-west-1b", resources.at("/SubnetB/Properties/AvailabilityZone").asText());
    assertEquals("4", resources.at("/WorkersGroup/Properties/MaxSize").asText());
    // web-db's Postgres and Patroni ports open among its members and to web's group.
    assertEquals(
        "AWS::EC2::SecurityGroupIngress", resources.at("/WorkersFromWorkersTCP5432/Type").asText());
    assertEquals(
        "AWS::EC2::SecurityGroupIngress", resources.at("/WorkersFromWorkersTCP8008/Type").asText());
    // proxy on main uses web on workers; proxy itself is public on 443 only.
    assertEquals(8080, resources.at("/WorkersFromMainTCP8080/Properties/FromPort").asInt());
    assertEquals("0.0.0.0/0", resources.at("/MainFromInternetTCP443/Properties/CidrIp").asText());
    // web's volume is synced between replicas by its own Syncthing, on the group's first sync port
    // (TCP only).
    assertEquals("tcp", resources.at("/WorkersFromWorkersTCP22000/Properties/IpProtocol").asText());
    assertTrue(resources.at("/WorkersFromWorkersUDP22000").isMissingNode());
    // web reads its database password, so workers may read exactly that secret.
    String policies = resources.at("/WorkersRole/Properties/Policies").toString();
    assertTrue(policies.contains("secret:demo/web-db-password-*"), policies);
    assertEquals(
        List.of("AdminCidr", "BootConfigBucket", "ImageId", "KeyName"),
        sortedNames(template.get("Parameters")));
  }

  @Test
  void theFrontDoorsMachinesLearnTheHostedZoneFromTheDeployedStack() throws Exception {
    Compilation compilation =
        Compile.cluster(
            ClusterSources.valid()
                .with(
                    "Front",
                    """
        @Service(image = "example/nginx:1.22", replicas = 2, runsOn = Workers.class, ports = @Port(443))
        @Public(reason = "the front door")
        @FrontDoor
        public class Front {}
        """));
    JsonNode template =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow());
    JsonNode join =
        template.at(
            "/Resources/WorkersLaunchTemplate/Properties/LaunchTemplateData/UserData/Fn::Base64/Fn::Join/1");
    StringBuilder userData = new StringBuilder();
    join.forEach(
        part ->
            userData.append(
                part.isTextual() ? part.asText() : "<" + part.get("Ref").asText() + ">"));
    assertTrue(
        userData.toString().contains("\"path\":\"/etc/cluster/stack.env\""), userData.toString());
    assertTrue(
        userData.toString().contains("\"source\":\"data:,HOSTED_ZONE_ID%3D<HostedZoneId>%0A\""),
        userData.toString());
    assertEquals(
        "AWS::Route53::HostedZone::Id", template.at("/Parameters/HostedZoneId/Type").asText());
  }

  @Test
  void databasesSharingANodeGroupGetPortsNoOtherServiceOfTheGroupHas() throws Exception {
    Compilation compilation =
        Compile.cluster(
            withDatabaseUser()
                .with(
                    "Api",
                    """
        @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(8009))
        @Postgres
        public class Api {}
        """));
    assertThat(compilation).succeededWithoutWarnings();
    JsonNode resources =
        JSON.readTree(Compile.generated(compilation, "cluster/demo/template.json").orElseThrow())
            .get("Resources");
    // api-db comes first by name and takes Postgres's own ports; web-db skips 8009, which api
    // listens on.
    assertEquals(5432, resources.at("/WorkersFromWorkersTCP5432/Properties/FromPort").asInt());
    assertEquals(8008, resources.at("/WorkersFromWorkersTCP8008/Properties/FromPort").asInt());
    assertEquals(5434, resources.at("/WorkersFromWorkersTCP5434/Properties/FromPort").asInt());
    assertEquals(8010, resources.at("/WorkersFromWorkersTCP8010/Properties/FromPort").asInt());
    String webDb =
        Compile.generated(compilation, "cluster/demo/units/web-db@.service").orElseThrow();
    assertTrue(webDb.contains("PATRONI_RESTAPI_LISTEN=${PRIVATE_IP}:8010"), webDb);
  }

  @Test
  void writesEachGroupsBootUnitsBesideTheTemplate() {
    Compilation compilation = Compile.cluster(withDatabaseUser());
    String etcd =
        Compile.generated(compilation, "cluster/demo/nodes/main/etcd-member.service").orElseThrow();
    assertTrue(etcd.contains("--enable-v2=true --listen-client-urls=http://0.0.0.0:2379"), etcd);
    String fleet =
        Compile.generated(compilation, "cluster/demo/nodes/workers/fleet.service").orElseThrow();
    assertTrue(
        fleet.contains("Requires=install-fleet.service fleet.socket etcd-proxy.service"), fleet);
  }

  @Test
  void recompilingOneClassAgainstTheEarlierClassesGivesTheSameTemplateAsACleanBuild(
      @TempDir Path dir) {
    ClusterSources first = withDatabaseUser();
    JavacRun.Result full = JavacRun.compile(first.all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(full.success(), full.diagnostics());

    String before = full.read("cluster/demo/template.json");

    ClusterSources changed =
        withDatabaseUser()
            .with(
                "Proxy",
                """
        @Service(image = "example/proxy:2.0", replicas = 2, runsOn = Main.class,
            uses = Web.class, ports = @Port(value = 8443, openToParameter = "ProxyCidr"))
        public class Proxy {}
        """);
    JavacRun.Result incremental =
        JavacRun.compile(List.of(changed.file("Proxy")), dir.resolve("src2"), dir.resolve("out"));
    assertTrue(incremental.success(), incremental.diagnostics());
    JavacRun.Result clean =
        JavacRun.compile(changed.all(), dir.resolve("src3"), dir.resolve("clean"));
    assertTrue(clean.success(), clean.diagnostics());

    String after = clean.read("cluster/demo/template.json");
    assertTrue(
        !after.equals(before)
            && after.contains("ProxyCidr")
            && after.contains("WorkersFromWorkersTCP5432"),
        "the change shows in the template, and so do the classes that were not recompiled");
    assertEquals(after, incremental.read("cluster/demo/template.json"));
  }

  /**
   * The same sources given to javac in other orders (as another file system or build tool may list
   * them).
   */
  @Test
  void buildsFromTheSourcesInAnyOrderWriteByteForByteTheSameFiles(@TempDir Path dir) {
    List<JavaFileObject> sources = withDatabaseUser().all();
    List<JavaFileObject> reversed = new ArrayList<>(sources);
    Collections.reverse(reversed);
    List<JavaFileObject> shuffled = new ArrayList<>(sources);
    Collections.shuffle(shuffled, new Random(20261207));
    JavacRun.Result one = JavacRun.compile(sources, dir.resolve("a"), dir.resolve("one"));
    List<String> files = one.writtenFiles().stream().filter(f -> f.startsWith("cluster/")).toList();
    List<List<JavaFileObject>> orders = List.of(sources, reversed, shuffled);
    for (int i = 0; i < orders.size(); i++) {
      List<JavaFileObject> order = orders.get(i);
      Path other = dir.resolve("order-" + i);
      JavacRun.Result two = JavacRun.compile(order, other.resolve("src"), other.resolve("out"));
      assertEquals(
          files, two.writtenFiles().stream().filter(f -> f.startsWith("cluster/")).toList());
      for (String file : files) {
        assertEquals(one.read(file), two.read(file), file);
      }
    }
  }

  @Test
  void aServiceOutsideAnyClusterPackageIsAnError() {
    ClusterSources sources = ClusterSources.valid().without("Demo");
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation)
        .hadErrorContaining(
            "[one-cluster] Web belongs to the cluster of package test, but no class of that package is annotated @Cluster")
        .inFile(sources.file("Web"));
  }

  @Test
  void twoClustersInOnePackageIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Other",
                """
        @Cluster(name = "other", domain = "other.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
        public class Other {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[one-cluster] package test declares its cluster in both");
  }

  private static List<String> sortedNames(JsonNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names.stream().sorted().toList();
  }
}
