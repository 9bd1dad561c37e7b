package dev.cluster.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import org.junit.jupiter.api.Test;

/** Rules on {@code @Service}s: names, images, ports, what they use, and services on DATA groups. */
class ServiceRulesTest {

  private static ClusterSources withWeb(String annotations) {
    return ClusterSources.valid().with("Web", annotations + "\npublic class Web {}\n");
  }

  private static ClusterSources withDataNodes() {
    return ClusterSources.valid()
        .with(
            "Storage",
            """
        @NodeGroup(role = Role.DATA, size = 3, instanceTypes = {"r6i.large", "r6a.large"})
        public class Storage {}
        """);
  }

  @Test
  void serviceNameThatIsNotADnsLabelIsAnErrorOnName() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            name = "Web_App")""");
    Expect.error(
        sources,
        "Web",
        "[service-name] the service name \"Web_App\" of Web is not a valid fleet unit name and DNS label",
        "name = ");
  }

  @Test
  void aServiceNamedLikeAnothersPodUnitIsAnErrorOnEachOfTheTwo() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "WebPod",
                """
        @Service(image = "example/other:1.0", runsOn = Workers.class)
        public class WebPod {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "WebPod",
            "[unit-name-clash] the fleet unit web-pod@.service is the app unit of service \"web-pod\""
                + " (class WebPod) and the pod unit of service \"web\" (class Web): fleet would keep one of the two;"
                + " rename one service",
            "@Service("),
        new Expect.At(
            "Web",
            "[unit-name-clash] the fleet unit web-pod@.service is the pod unit of service \"web\""
                + " (class Web) and the app unit of service \"web-pod\" (class WebPod)",
            "@Service("));
  }

  @Test
  void aServiceNamedLikeAnothersPodNetworkUnitIsAnErrorNamingTheNetworkUnit() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Api",
                """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(9000), uses = Web.class)
            public class Api {}
            """)
            .with(
                "ApiNet",
                """
            @Service(image = "example/other:1.0", runsOn = Workers.class,
                name = "api-net")
            public class ApiNet {}
            """);
    Expect.errors(
        sources,
        new Expect.At(
            "ApiNet",
            "[unit-name-clash] the fleet unit api-net@.service is the app unit of service \"api-net\""
                + " (class ApiNet) and the pod network unit of service \"api\" (class Api)",
            "name = \"api-net\""),
        new Expect.At(
            "Api",
            "[unit-name-clash] the fleet unit api-net@.service is the pod network unit of service \"api\"",
            "@Service("));
  }

  @Test
  void aServiceNamedLikeAPodNetworkUnitThatIsNotMadeIsFine() {
    Expect.clean(
        ClusterSources.valid()
            .with(
                "WebNet",
                """
        @Service(image = "example/other:1.0", runsOn = Workers.class)
        public class WebNet {}
        """));
  }

  @Test
  void derivedDatabaseNameLongerThanALabelIsAnErrorOnItsAnnotation() {
    String name = "w".repeat(58);
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080),
            name = "%s")
        @MariaDb
        """
                .formatted(name));
    Expect.error(
        sources,
        "Web",
        "[service-name] the derived service name \"" + name + "-mariadb\" is 66 characters long",
        "@MariaDb");
  }

  @Test
  void serviceNamesOfSixtyThreeCharactersAreFine() {
    Expect.clean(
        withWeb(
            "@Service(image = \"example/web:1.0\", runsOn = Workers.class, name = \""
                + "w".repeat(63)
                + "\")"));
  }

  @Test
  void usingAClassThatIsNotAServiceIsAnErrorOnThatEntry() {
    ClusterSources sources =
        ClusterSources.valid()
            .with("Helper", "public class Helper {}\n")
            .with(
                "Api",
                """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(9000),
                uses = {Web.class,
                    Helper.class})
            public class Api {}
            """);
    Expect.error(
        sources,
        "Api",
        "[uses] uses[1] = Helper.class but test.Helper is not a @Service of cluster demo",
        "Helper.class})");
  }

  @Test
  void usingAServiceOfTheClusterIsFine() {
    Expect.clean(
        ClusterSources.valid()
            .with(
                "Api",
                """
        @Service(image = "example/api:1.0", runsOn = Main.class, uses = Web.class)
        public class Api {}
        """));
  }

  @Test
  void malformedImageIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(runsOn = Workers.class,
            image = "Example/Web:1.0")""");
    Expect.error(
        sources,
        "Web",
        "[image] image = \"Example/Web:1.0\" is not an image reference docker can pull",
        "image = ");
  }

  @Test
  void imageWithoutTagIsAWarning() {
    ClusterSources sources =
        withWeb(
            """
        @Service(runsOn = Workers.class,
            image = "example/web")""");
    Expect.warning(
        sources,
        "Web",
        "[image] image = \"example/web\" has no tag, so machines may run different versions of web",
        "image = ");
  }

  @Test
  void imageTaggedLatestIsAWarning() {
    ClusterSources sources =
        withWeb(
            """
        @Service(runsOn = Workers.class,
            image = "example/web:latest")""");
    Expect.warning(
        sources, "Web", "[image] image = \"example/web:latest\" is tagged latest", "image = ");
  }

  @Test
  void imageFromARegistryWithPortAndDigestIsFine() {
    Expect.clean(
        withWeb(
            "@Service(runsOn = Workers.class, image = \"registry.example.com:5000/team/web:1.0@sha256:"
                + "a".repeat(64)
                + "\")"));
  }

  @Test
  void portOutsideTheRangeIsOneError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            ports = @Port(70000))""");
    Expect.error(
        sources, "Web", "[port-range] port 70000 of service web is outside 1 to 65535", "ports = ");
  }

  @Test
  void portListedTwiceByOneServiceIsAnErrorOnTheSecond() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            ports = {@Port(value = 8080, name = "http"),
                     @Port(value = 8080, name = "admin")})""");
    Expect.error(
        sources,
        "Web",
        "[port-clash] port 8080/tcp is listed twice by service web",
        "name = \"admin\"");
  }

  @Test
  void theSamePortNumberOverTcpAndUdpIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            ports = {@Port(8080), @Port(value = 8080, protocol = Port.Protocol.UDP)})"""));
  }

  @Test
  void etcdsPortOnTheMainGroupIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Registry",
                """
        @Service(image = "example/registry:1.0", runsOn = Main.class,
            ports = @Port(2379))
        public class Registry {}
        """);
    Expect.error(
        sources,
        "Registry",
        "[node-ports] port 2379/tcp of service registry is taken by etcd's client port on every machine of node group main",
        "ports = ");
  }

  @Test
  void aSyncedVolumesSyncthingPortOnItsGroupIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Files",
                """
            @Service(image = "example/files:1.0", runsOn = Workers.class)
            @BtsyncVolume(path = "/data")
            public class Files {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class,
                ports = @Port(22000))
            public class Web {}
            """);
    Expect.error(
        sources,
        "Web",
        "[node-ports] port 22000/tcp of service web is taken by the Syncthing of files /data"
            + " on every machine of node group workers",
        "ports = ");
  }

  @Test
  void etcdsClientPortOnADataGroupIsTakenByItsEtcdProxy() {
    ClusterSources sources =
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(2379))
        public class Search {}
        """);
    Expect.error(
        sources,
        "Search",
        "[node-ports] port 2379/tcp of service search is taken by the local etcd proxy"
            + " on every machine of node group storage",
        "ports = ");
  }

  @Test
  void etcdsPeerPortOnADataGroupIsFine() {
    Expect.clean(
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(2380))
        public class Search {}
        """));
  }

  @Test
  void zeroReplicasIsAnErrorOnReplicas() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            replicas = 0)""");
    Expect.error(
        sources,
        "Web",
        "[placement] replicas = 0 but service web needs at least 1 replica",
        "replicas = 0");
  }

  @Test
  void replicasOnADataGroupIsAnErrorOnReplicas() {
    ClusterSources sources =
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(9200),
            replicas = 3)
        public class Search {}
        """);
    Expect.error(
        sources,
        "Search",
        "[data-replicas] replicas = 3 but service search runs on DATA node group storage, once on each of its 3 machines",
        "replicas = 3");
  }

  @Test
  void postgresOnADataServiceIsOneErrorOnPostgres() {
    ClusterSources sources =
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(9200))
        @Postgres
        public class Search {}
        """);
    Expect.error(
        sources,
        "Search",
        "[data-features] @Postgres on service search of DATA node group storage would be a fleet service",
        "@Postgres");
  }

  @Test
  void electedOnADataServiceIsAnErrorOnElected() {
    ClusterSources sources =
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(9200))
        @Elected
        public class Search {}
        """);
    Expect.error(
        sources,
        "Search",
        "[data-features] @Elected on service search of DATA node group storage campaigns through etcd",
        "@Elected");
  }

  @Test
  void syncedVolumeOnADataServiceIsAnErrorOnItsPath() {
    ClusterSources sources =
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(9200))
        @BtsyncVolume(path = "/data")
        public class Search {}
        """);
    Expect.error(
        sources,
        "Search",
        "[data-features] @BtsyncVolume(path = \"/data\") on service search of DATA node group storage needs a fleet pod",
        "@BtsyncVolume");
  }

  @Test
  void aWorkerServiceUsingADataServiceIsFine() {
    Expect.clean(
        withDataNodes()
            .with(
                "Search",
                """
            @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(9200))
            public class Search {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class, uses = Search.class,
                ports = @Port(8080))
            public class Web {}
            """));
  }

  @Test
  void servicesUsingEachOtherInACircleIsOneErrorShowingTheCycle() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Api",
                """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(9000),
                uses = Cache.class)
            public class Api {}
            """)
            .with(
                "Cache",
                """
            @Service(image = "example/cache:1.0", runsOn = Workers.class, ports = @Port(6000), uses = Web.class)
            public class Cache {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080), uses = Api.class)
            public class Web {}
            """);
    Expect.error(
        sources,
        "Api",
        "[uses-cycle] uses[0] = Cache.class closes the cycle api -> cache -> web -> api",
        "uses = Cache.class");
  }

  @Test
  void twoSeparateCyclesAreTwoErrors() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "A",
                "@Service(image = \"example/a:1.0\", runsOn = Workers.class, ports = @Port(9001), uses = B.class)\npublic class A {}\n")
            .with(
                "B",
                "@Service(image = \"example/b:1.0\", runsOn = Workers.class, ports = @Port(9002), uses = A.class)\npublic class B {}\n")
            .with(
                "C",
                "@Service(image = \"example/c:1.0\", runsOn = Workers.class, ports = @Port(9003), uses = D.class)\npublic class C {}\n")
            .with(
                "D",
                "@Service(image = \"example/d:1.0\", runsOn = Workers.class, ports = @Port(9004), uses = C.class)\npublic class D {}\n");
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[uses-cycle] uses[0] = B.class closes the cycle a -> b -> a")
        .inFile(sources.file("A"));
    assertThat(compilation)
        .hadErrorContaining("[uses-cycle] uses[0] = D.class closes the cycle c -> d -> c")
        .inFile(sources.file("C"));
  }

  @Test
  void aServiceUsingItselfIsACycle() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080),
            uses = Web.class)""");
    Expect.error(
        sources,
        "Web",
        "[uses-cycle] uses[0] = Web.class closes the cycle web -> web",
        "uses = Web.class");
  }

  @Test
  void usingAServiceWithoutPortsIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Batch",
                """
            @Service(image = "example/batch:1.0", runsOn = Workers.class)
            public class Batch {}
            """)
            .with(
                "Api",
                """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(9000),
                uses = Batch.class)
            public class Api {}
            """);
    Expect.error(
        sources,
        "Api",
        "[used-port] uses[0] = Batch.class but service batch declares no port",
        "uses = Batch.class");
  }

  @Test
  void ownPortOnAnAmbassadorsLocalPortIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            ports = @Port(15000))
        @Postgres""");
    Expect.error(
        sources,
        "Web",
        "[ambassador-ports] port 15000 of service web is the local port of the ambassador from web to web-db on node group workers",
        "ports = ");
  }

  @Test
  void ownPortBesideTheAmbassadorsIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(15001))
        @Postgres"""));
  }

  @Test
  void healthCheckOnAPortTheServiceDoesNotHaveIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Health(path = "/healthz",
            port = 9090)""");
    Expect.error(
        sources,
        "Web",
        "[health-port] port = 9090 but service web listens on [8080]",
        "port = 9090");
  }

  @Test
  void healthCheckOfAServiceWithoutPortsIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @Health""");
    Expect.error(
        sources,
        "Web",
        "[health-port] port = 0 means the first port but service web listens on []",
        "@Health");
  }

  @Test
  void healthCheckOnTheSecondPortIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = {@Port(8080), @Port(8081)})
        @Health(path = "/healthz", port = 8081)"""));
  }

  @Test
  void healthPathWithoutLeadingSlashIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Health(
            path = "healthz")""");
    Expect.error(
        sources,
        "Web",
        "[health-path] path = \"healthz\" of service web's @Health is not a URL path",
        "path = ");
  }

  @Test
  void healthPathWithAQueryIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Health(path = "/status?full=true")"""));
  }

  @Test
  void dataEngineOnAWorkerServiceIsAnErrorOnDataEngine() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/search:1.0", runsOn = Workers.class, ports = @Port(9200))
        @DataEngine(DataEngine.Kind.ELASTICSEARCH)""");
    Expect.error(
        sources,
        "Web",
        "[data-engine] @DataEngine on service web configures the store from the machines of a DATA group, but it runs on WORKER node group workers",
        "@DataEngine");
  }

  @Test
  void dataEngineOnADataServiceIsFine() {
    Expect.clean(
        withDataNodes()
            .with(
                "Search",
                """
        @Service(image = "example/search:1.0", runsOn = Storage.class, ports = @Port(9200))
        @DataEngine(DataEngine.Kind.ELASTICSEARCH)
        public class Search {}
        """));
  }

  @Test
  void aMediaWikiWithoutPostgresIsAnErrorOnItsImage() {
    ClusterSources sources =
        withWeb(
            """
        @Service(runsOn = Workers.class, ports = @Port(8080),
            image = "dev-cluster/mediawiki:1.39")""");
    Expect.error(
        sources,
        "Web",
        "[service-config] service web runs image dev-cluster/mediawiki:1.39, whose generated"
            + " LocalSettings.php points at the service's own database, but it has none; add @Postgres",
        "image = ");
  }

  @Test
  void aMediaWikiWithPostgresIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "dev-cluster/mediawiki:1.39", runsOn = Workers.class, ports = @Port(8080))
        @Postgres"""));
  }
}
