package dev.cluster.processor.generate.units;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.JavacRun;
import java.nio.file.Path;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet units and configs through the real processor: what it writes, and what fleet would
 * reject.
 */
class FleetUnitsCompilationTest {

  private static ClusterSources withDatabaseAndVolume() {
    return ClusterSources.valid()
        .with(
            "Web",
            """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @Postgres(synchronous = false)
        @BtsyncVolume(path = "/data/uploads")
        public class Web {}
        """);
  }

  @Test
  void writesEveryUnitOfEachPodAndTheConfigsTheyFetch() {
    Compilation compilation = Compile.cluster(withDatabaseAndVolume());
    assertThat(compilation).succeededWithoutWarnings();
    for (String unit :
        new String[] {
          "web-pod@",
          "web@",
          "web-presence@",
          "web-amb-web-db@",
          "web-volume-data-uploads@",
          "web-db-pod@",
          "web-db@",
          "web-db-presence@"
        }) {
      assertTrue(
          Compile.generated(compilation, "cluster/demo/units/" + unit + ".service").isPresent(),
          unit);
    }
    String app = Compile.generated(compilation, "cluster/demo/units/web@.service").orElseThrow();
    assertTrue(
        app.matches(
            "(?s).*    -e DB_HOST=10\\.222\\.\\d+\\.\\d+ \\\\\n    -e DB_PORT=15000 \\\\\n.*"),
        app);
    assertTrue(app.contains("MachineOf=web-pod@%i.service"), app);
    String patroni =
        Compile.generated(compilation, "cluster/demo/config/patroni/web-db.yml").orElseThrow();
    assertTrue(patroni.contains("synchronous_mode: false"), patroni);
    String ambassador =
        Compile.generated(compilation, "cluster/demo/config/ambassadors/web/web-db.json")
            .orElseThrow();
    assertTrue(
        ambassador.contains("\"kind\" : \"patroni\",\n    \"scope\" : \"demo-web-db\""),
        ambassador);
    assertTrue(
        compilation.generatedFiles().stream().noneMatch(f -> f.getName().endsWith(".cfg")),
        "the runtime's ambassador renders HAProxy's config itself");
    assertTrue(
        compilation.generatedFiles().stream().noneMatch(f -> f.getName().contains("/units/sync-")),
        "no machine-wide sync engine: each volume unit runs its own Syncthing");
  }

  @Test
  void servicesOnDataGroupsGetNoFleetUnits() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Data",
                """
            @NodeGroup(role = Role.DATA, size = 3, instanceTypes = {"r6i.large", "r6a.large"})
            public class Data {}
            """)
            .with(
                "Search",
                """
            @Service(image = "example/search:1.0", runsOn = Data.class, ports = @Port(9200))
            public class Search {}
            """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).succeededWithoutWarnings();
    long searchUnits =
        compilation.generatedFiles().stream()
            .filter(f -> f.getName().contains("/units/search"))
            .count();
    assertEquals(0, searchUnits);
    assertTrue(
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, "cluster/demo/nodes/data/search.service")
            .isPresent());
  }

  @Test
  void aServiceNameFleetWouldRejectIsOneErrorOnTheNameAndNothingIsWritten(@TempDir Path dir) {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            name = "web/app",
            ports = @Port(8080))
        public class Web {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[service-name] the service name \"web/app\" of Web is not a valid fleet unit name and DNS label")
        .inFile(sources.file("Web"))
        .onLineContaining("name = \"web/app\"");
    JavacRun.Result onDisk =
        JavacRun.compile(sources.all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(
        onDisk.writtenFiles().stream().noneMatch(f -> f.startsWith("cluster/")),
        "nothing is written when fleet would reject a unit: " + onDisk.writtenFiles());
  }

  @Test
  void anEnvValueTooLongForFleetsParserIsAnErrorOnTheService() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            env = @Env(name = "CERT", value = "%s"))
        public class Web {}
        """
                    .formatted("x".repeat(2100)));
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[fleet-units] fleet would reject unit web@.service: line 14 (    -e CERT=xxxxxxxxxxxxxxxxxxxxxxxxxxxx...)"
                + " is 2114 bytes, and fleet refuses lines of 2048 bytes or more")
        .inFile(sources.file("Web"))
        .onLineContaining("@Service");
  }
}
