package dev.cluster.processor.generate.client;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.PatroniDatabase;
import dev.cluster.contract.descriptor.PortOpening;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.JavacRun;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated deploy client: it compiles, and what it hands the runtime matches the model. The
 * test loads the compiled client to call it, as the jar's users do.
 */
class ClientGeneratorTest {
  private static ClusterSources cluster() {
    return ClusterSources.valid()
        .with(
            "Web",
            """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
                ports = @Port(value = 8080, name = "http"), secrets = ApiKey.class)
            @Postgres
            public class Web {}
            """)
        .with(
            "ApiKey",
            """
            @Secret(description = "Key of the weather API")
            public class ApiKey {}
            """);
  }

  @Test
  void clientIsGeneratedBesideTheClusterClassAndCompiles() {
    Compilation compilation = Compile.cluster(cluster());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.DemoCluster")
        .contentsAsUtf8String()
        .contains("@Generated(\n    value = \"dev.cluster.processor.ClusterProcessor\"");
  }

  /**
   * The descriptor is data the client loads, so the client's code grows with the services only, by
   * one accessor each.
   */
  @Test
  void clientLoadsTheDescriptorAndHoldsNoCodePerUnit() throws Exception {
    Compilation compilation = Compile.cluster(cluster());
    assertThat(compilation).succeededWithoutWarnings();
    String client =
        compilation
            .generatedSourceFile("test.DemoCluster")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertTrue(
        client.contains("DescriptorJson.load(DemoCluster.class, \"cluster/demo/descriptor.json\")"),
        client);
    assertFalse(client.contains("@.service"), client);
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "cluster/demo/descriptor.json")
        .contentsAsUtf8String()
        .contains("\"resource\" : \"cluster/demo/units/web@.service\"");
  }

  @Test
  void descriptorAccessorsAndParametersMatchTheModel(@TempDir Path dir) throws Exception {
    JavacRun.Result build =
        JavacRun.compile(cluster().all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(build.success(), build.diagnostics());
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.resolve("out").toUri().toURL()},
            ClientGeneratorTest.class.getClassLoader())) {
      Class<?> client = loader.loadClass("test.DemoCluster");
      ClusterDescriptor descriptor = (ClusterDescriptor) client.getField("DESCRIPTOR").get(null);

      assertEquals("demo", descriptor.name());
      assertEquals("eu-west-1", descriptor.defaultRegion());
      assertEquals("cluster/demo/template.json", descriptor.templateResource());
      assertEquals(
          List.of("ImageId", "KeyName", "AdminCidr"),
          descriptor.parameters().stream().map(p -> p.name()).toList());
      assertEquals(
          List.of(
              new NodeGroupInfo(
                  "main", "MAIN", 3, 3, List.of("m6i.large", "m6a.large"), "MainGroupName"),
              new NodeGroupInfo(
                  "workers",
                  "WORKER",
                  2,
                  4,
                  List.of("m6i.large", "m6a.large"),
                  "WorkersGroupName")),
          descriptor.nodeGroups());
      assertEquals(
          List.of("web", "web-db"), descriptor.services().stream().map(ServiceInfo::name).toList());
      // the app's own role's password, which it shares with the members; the members' own users'
      // three
      assertEquals(
          List.of(
              "demo/api-key",
              "demo/web-db-password",
              "demo/web-db-replication-password",
              "demo/web-db-rewind-password",
              "demo/web-db-superuser-password"),
          descriptor.secrets().stream().map(s -> s.name()).toList());
      assertEquals(List.of("web", "web-db"), descriptor.secrets().get(1).usedBy());
      assertEquals(List.of("web-db"), descriptor.secrets().get(4).usedBy());
      // deploy makes the derived passwords when they are missing; the declared API key is a
      // person's to set
      assertEquals(
          List.of(false, true, true, true, true),
          descriptor.secrets().stream().map(s -> s.generated()).toList());

      ServiceInfo web = (ServiceInfo) client.getMethod("web").invoke(null);
      ServiceInfo webDb = (ServiceInfo) client.getMethod("webDb").invoke(null);
      assertEquals("web", web.name());
      assertEquals(List.of("web-db"), web.uses());
      assertEquals("dev-cluster/postgres-patroni:17-4.0.7", webDb.image());
      assertEquals(java.util.Optional.empty(), webDb.url());
      assertEquals(3, webDb.replicas());
      assertTrue(webDb.units().contains("web-db@.service"), webDb.units().toString());
      // what the deploy client's postgres handover and secrets read from here instead of
      // re-deriving them
      assertEquals(java.util.Optional.empty(), web.patroni());
      PatroniDatabase patroni = webDb.patroni().orElseThrow();
      assertEquals("/service/demo-web-db/leader", patroni.keys().leaderKey());
      assertEquals(
          Map.of(
              "web-db-1",
              "web-db@1.service",
              "web-db-2",
              "web-db@2.service",
              "web-db-3",
              "web-db@3.service"),
          patroni.unitByMember());
      assertEquals(List.of("demo/api-key", "demo/web-db-password"), web.secrets());
      assertTrue(
          webDb.secrets().contains("demo/web-db-superuser-password"), webDb.secrets().toString());
      for (UnitFile unit : descriptor.units()) {
        assertTrue(
            Path.of(dir.resolve("out").toString(), unit.resource()).toFile().isFile(),
            unit.resource());
      }

      Object stage = client.getMethod("parameters").invoke(null);
      stage = call(stage, "imageId", "ami-0123456789abcdef0");
      stage = call(stage, "keyName", "alice");
      stage = call(stage, "adminCidr", "203.0.113.7/32");
      assertEquals(
          Map.of(
              "ImageId",
              "ami-0123456789abcdef0",
              "KeyName",
              "alice",
              "AdminCidr",
              "203.0.113.7/32"),
          call(stage, "build"));
      assertEquals(
          List.of(
              "--param",
              "ImageId=ami-0123456789abcdef0",
              "--param",
              "KeyName=alice",
              "--param",
              "AdminCidr=203.0.113.7/32"),
          call(stage, "toArguments"));
    }
  }

  /**
   * The runtime guards and shows the ports an address range opens from these, never deriving them
   * itself.
   */
  @Test
  void eachAddressRangeParameterCarriesThePortsItOpensAndNoOtherParameterAny(@TempDir Path dir)
      throws Exception {
    ClusterSources sources =
        cluster()
            .with(
                "Git",
                """
        @Service(image = "example/git:1.0", runsOn = Main.class,
            ports = {@Port(value = 29418, name = "ssh", openToParameter = "GitSshCidr"), @Port(value = 8080, name = "http")})
        public class Git {}
        """);
    JavacRun.Result build = JavacRun.compile(sources.all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(build.success(), build.diagnostics());
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {dir.resolve("out").toUri().toURL()},
            ClientGeneratorTest.class.getClassLoader())) {
      ClusterDescriptor descriptor =
          (ClusterDescriptor) loader.loadClass("test.DemoCluster").getField("DESCRIPTOR").get(null);
      Map<String, List<PortOpening>> opens =
          descriptor.parameters().stream()
              .collect(Collectors.toMap(StackParameter::name, StackParameter::opens));

      assertEquals(
          List.of(
              new PortOpening("main", "tcp", 22, 22, "SSH from the admin network"),
              new PortOpening("workers", "tcp", 22, 22, "SSH from the admin network")),
          opens.get("AdminCidr"));
      assertEquals(
          List.of(new PortOpening("main", "tcp", 29418, 29418, "git ssh from GitSshCidr")),
          opens.get("GitSshCidr"));
      assertEquals(List.of(), opens.get("KeyName"));
      assertEquals(List.of(), opens.get("ImageId"));
    }
  }

  @Test
  void parameterStepsCannotBeSkipped() {
    Compilation compilation =
        Compile.cluster(
            cluster()
                .with(
                    "UsesClient",
                    """
        public class UsesClient {
          Object skipsKeyName() {
            return DemoCluster.parameters().imageId("ami-1").adminCidr("10.0.0.0/8");
          }
        }
        """));
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation).hadErrorContaining("adminCidr");
  }

  @Test
  void accessorNamesAreJavaIdentifiers() {
    assertEquals("gerritDb", ClientGenerator.accessorName("gerrit-db"));
    assertEquals("mainService", ClientGenerator.accessorName("main"));
    assertEquals("switchService", ClientGenerator.accessorName("switch"));
    assertEquals("service3d", ClientGenerator.accessorName("3d"));
  }

  /** Calls a step through the public step interface that declares it, as user code does. */
  private static Object call(Object stage, String method, Object... value) throws Exception {
    for (Class<?> step : stage.getClass().getInterfaces()) {
      for (Method candidate : step.getMethods()) {
        if (candidate.getName().equals(method)) {
          return candidate.invoke(stage, value);
        }
      }
    }
    throw new AssertionError("no step " + method + " on " + stage.getClass());
  }
}
