package dev.cluster.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.JavacRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first rules, through the real processor: message, file and line of the attribute at fault.
 */
class FirstRulesCompilationTest {

  @Test
  void validClusterCompilesWithoutWarnings() {
    assertThat(Compile.cluster(ClusterSources.valid())).succeededWithoutWarnings();
  }

  @Test
  void mainGroupOutsideThreeToNineIsAnErrorOnSize() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Main",
                """
        @NodeGroup(role = Role.MAIN,
            size = 11,
            instanceTypes = {"m6i.large", "m6a.large"})
        public class Main {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[main-size] size = 11 but MAIN node group main runs etcd and must have 3 to 9 machines")
        .inFile(sources.file("Main"))
        .onLineContaining("size = 11");
  }

  @Test
  void moreReplicasThanTheGroupHasMachinesIsAnErrorOnReplicas() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0",
            replicas = 5,
            runsOn = Workers.class)
        public class Web {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[placement] replicas = 5 but node group workers holds at most 4 machines")
        .inFile(sources.file("Web"))
        .onLineContaining("replicas = 5");
  }

  @Test
  void postgresReplicasThatDoNotFitPointAtThePostgresAnnotation() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @Postgres(
            replicas = 7)
        public class Web {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[placement] replicas = 7 but node group workers holds at most 4 machines, and replicas of web-db")
        .inFile(sources.file("Web"))
        .onLineContaining("replicas = 7");
  }

  @Test
  void runningOnAClassThatIsNotANodeGroupIsAnErrorOnRunsOn() {
    ClusterSources sources =
        ClusterSources.valid()
            .with("Helper", "public class Helper {}\n")
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0",
                runsOn = Helper.class)
            public class Web {}
            """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[runs-on] runsOn = Helper.class but test.Helper is not a @NodeGroup of cluster demo")
        .inFile(sources.file("Web"))
        .onLineContaining("runsOn = Helper.class");
  }

  @Test
  void twoServicesClaimingOnePortOnAGroupIsAnErrorOnEachOfTheTwoPorts() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Api",
                """
        @Service(image = "example/api:1.0", runsOn = Workers.class,
            ports = {@Port(9000),
                     @Port(value = 8080, name = "http")})
        public class Api {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Web",
            "[port-clash] port 8080/tcp of service web (class Web) is also claimed by service api"
                + " (class Api) on node group workers",
            "@Port(value = 8080"),
        new Expect.At(
            "Api",
            "[port-clash] port 8080/tcp of service api (class Api) is also claimed by service web"
                + " (class Web) on node group workers",
            "@Port(value = 8080"));
  }

  @Test
  void twoServicesOfOneNameIsAnErrorOnEachName() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Website",
                """
        @Service(image = "example/web:2.0", runsOn = Workers.class,
            name = "web")
        public class Website {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Website",
            "[unique-names] the service name \"web\" of class Website is taken by class Web too;"
                + " service names must be unique",
            "name = \"web\""),
        new Expect.At(
            "Web",
            "[unique-names] the service name \"web\" of class Web is taken by class Website too",
            "@Service("));
  }

  @Test
  void aDerivedDatabaseNameClashIsReportedOnceOnEachSide() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class)
            @Postgres
            public class Web {}
            """)
            .with(
                "WebDb",
                """
            @Service(image = "example/other:1.0", runsOn = Workers.class)
            public class WebDb {}
            """);
    Expect.errors(
        sources,
        new Expect.At(
            "Web",
            "[unique-names] the service name \"web-db\" of class Web is taken by class WebDb too",
            "@Postgres"),
        new Expect.At(
            "WebDb",
            "[unique-names] the service name \"web-db\" of class WebDb is taken by class Web too",
            "@Service("));
  }

  @Test
  void everyIndependentErrorIsReportedInOneBuild() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Main",
                """
            @NodeGroup(role = Role.MAIN, size = 2, instanceTypes = {"m6i.large", "m6a.large"})
            public class Main {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", replicas = 9, runsOn = Workers.class)
            public class Web {}
            """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("[main-size]").inFile(sources.file("Main"));
    assertThat(compilation).hadErrorContaining("[placement]").inFile(sources.file("Web"));
  }

  @Test
  void independentErrorsOfEveryAreaAreReportedTogether() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Demo",
                """
            @Cluster(name = "demo", domain = "demo.example.com", region = "eu-west-1",
                zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"}, vpcCidr = "10.0.0.0/26")
            public class Demo {}
            """)
            .with(
                "Workers",
                """
            @NodeGroup(role = Role.WORKER, min = 5, max = 4, instanceTypes = {"m6i.large", "m6a.large"})
            public class Workers {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080),
                env = @Env(name = "API_TOKEN", value = "abc"))
            @Route
            public class Web {}
            """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("[vpc-cidr]").inFile(sources.file("Demo"));
    assertThat(compilation).hadErrorContaining("[worker-size]").inFile(sources.file("Workers"));
    assertThat(compilation).hadErrorContaining("[env-secret]").inFile(sources.file("Web"));
    assertThat(compilation).hadErrorContaining("[route-front-door]").inFile(sources.file("Web"));
  }

  @Test
  void aServiceOnAClassThatIsNotANodeGroupIsNotAlsoCheckedForPlacementOrPorts() {
    ClusterSources sources =
        ClusterSources.valid()
            .with("Helper", "public class Helper {}\n")
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", replicas = 99, runsOn = Helper.class, ports = @Port(22))
            @Elected
            public class Web {}
            """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadWarningCount(0);
    assertThat(compilation).hadErrorContaining("[runs-on]");
  }

  @Test
  void anInvalidClusterWritesNothing(@TempDir Path dir) {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 9, runsOn = Workers.class)
        public class Web {}
        """);
    JavacRun.Result result =
        JavacRun.compile(sources.all(), dir.resolve("src"), dir.resolve("out"));
    assertFalse(result.success());
    assertEquals(
        List.of(), result.writtenFiles().stream().filter(f -> !f.endsWith(".class")).toList());
  }
}
