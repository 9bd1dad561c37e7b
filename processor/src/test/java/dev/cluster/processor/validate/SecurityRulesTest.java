package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** Rules on what faces the internet: @Public, SSH, the front door, routes and CIDR parameters. */
class SecurityRulesTest {

  private static final String FRONT_DOOR =
      """
      @Service(image = "example/nginx:1.27", replicas = 2, runsOn = Workers.class,
          ports = {@Port(80), @Port(443)})
      @Public(reason = "the front door")
      @FrontDoor
      public class Door {}
      """;

  /** The valid cluster with a front door and a group, routing {@code Web}. */
  private static ClusterSources routed(String webAnnotations) {
    return ClusterSources.valid()
        .with("Door", FRONT_DOOR)
        .with(
            "Developers",
            """
            @Group(description = "people who write code")
            public class Developers {}
            """)
        .with("Web", webAnnotations + "\npublic class Web {}\n");
  }

  private static ClusterSources withWeb(String annotations) {
    return ClusterSources.valid().with("Web", annotations + "\npublic class Web {}\n");
  }

  @Test
  void blankPublicReasonIsAnErrorOnReason() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(443))
        @Public(
            reason = " ")""");
    Expect.error(
        sources, "Web", "[public-reason] @Public(reason) of service web is blank", "reason = ");
  }

  @Test
  void publicPortOtherThanHttpAndHttpsIsAWarning() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            ports = {@Port(443),
                     @Port(8443)})
        @Public(reason = "clients connect directly")""");
    Expect.warning(
        sources,
        "Web",
        "[public-ports] port 8443 of @Public service web opens to 0.0.0.0/0, which Control Tower's SH.EC2.18 allows only for ports 80 and 443",
        "@Port(8443)");
  }

  @Test
  void publicServiceOnHttpAndHttpsIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = {@Port(80), @Port(443)})
        @Public(reason = "clients connect directly")"""));
  }

  @Test
  void publicSshPortIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = {@Port(443),
                     @Port(value = 2222, name = "ssh")})
        @Public(reason = "git over the internet")""");
    Expect.error(
        sources,
        "Web",
        "[public-ssh] port 2222 is SSH and @Public opens it to 0.0.0.0/0, which Control Tower's SH.EC2.13 forbids",
        "name = \"ssh\"");
  }

  @Test
  void publicPort22IsOneErrorAboutTheWorldNotAlsoAClashWithSshd() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(22))
        @Public(reason = "git over the internet")""");
    Expect.error(
        sources,
        "Web",
        "[public-ssh] port 22 is SSH and @Public opens it to 0.0.0.0/0",
        "ports = ");
  }

  @Test
  void sshOpenToAParameterRangeIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(value = 29418, name = "ssh", openToParameter = "GitSshCidr"))"""));
  }

  @Test
  void frontDoorThatIsNotPublicIsAnErrorOnFrontDoor() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Door",
                """
        @Service(image = "example/nginx:1.27", runsOn = Workers.class, ports = {@Port(80), @Port(443)})
        @FrontDoor
        public class Door {}
        """);
    Expect.error(
        sources,
        "Door",
        "[front-door-public] @FrontDoor service door is not @Public",
        "@FrontDoor");
  }

  @Test
  void aSecondFrontDoorIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with("Door", FRONT_DOOR)
            .with(
                "Edge",
                """
        @Service(image = "example/nginx:1.27", runsOn = Main.class, ports = {@Port(80), @Port(443)})
        @Public(reason = "a second front door")
        @FrontDoor
        public class Edge {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Edge",
            "[one-front-door] service edge (class Edge) and service door (class Door) are both a"
                + " @FrontDoor",
            "@FrontDoor"),
        new Expect.At(
            "Door",
            "[one-front-door] service door (class Door) and service edge (class Edge) are both a"
                + " @FrontDoor",
            "@FrontDoor"));
  }

  @Test
  void routesWithoutAFrontDoorAreOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Api",
                """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(9000))
            @Route
            public class Api {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
            @Route(subdomain = "www")
            public class Web {}
            """);
    Expect.error(
        sources,
        "Api",
        "[route-front-door] @Route of service api (and the routes of 1 more services) needs a @FrontDoor service",
        "@Route");
  }

  @Test
  void routeThroughTheFrontDoorIsFine() {
    Expect.clean(
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(subdomain = "www", allow = Developers.class)"""));
  }

  @Test
  void routeSubdomainThatIsNotADnsLabelIsAnError() {
    ClusterSources sources =
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(
            subdomain = "www.app")""");
    Expect.error(
        sources,
        "Web",
        "[route-subdomain] subdomain = \"www.app\" of service web must be a DNS label",
        "subdomain = ");
  }

  @Test
  void twoRoutesOfOneSubdomainAreAnErrorOnEach() {
    ClusterSources sources =
        routed(
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(
            subdomain = "api")""")
            .with(
                "Api",
                """
        @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(9000))
        @Route
        public class Api {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Web",
            "[route-subdomain] subdomain = \"api\" of service web (class Web) is routed to service api"
                + " (class Api) too",
            "subdomain = "),
        new Expect.At(
            "Api",
            "[route-subdomain] subdomain = \"api\" of service api (class Api) is routed to service web"
                + " (class Web) too",
            "@Route"));
  }

  @Test
  void openPathThatWouldOpenTheWholeServiceIsAnError() {
    ClusterSources sources =
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(openPaths = {"/d/",
            "/"})""");
    Expect.error(
        sources,
        "Web",
        "[route-open-paths] openPaths = \"/\" of service web would open all of it",
        "    \"/\"})");
  }

  @Test
  void openPathThatIsNotAPlainPrefixIsAnError() {
    ClusterSources sources =
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(
            openPaths = "/d/ { return 200; } location /")""");
    Expect.error(
        sources,
        "Web",
        "[route-open-paths] openPaths = \"/d/ { return 200; } location /\" of service web must be a path prefix",
        "openPaths = ");
  }

  @Test
  void openPathsForDownloadLinksAreFine() {
    Expect.clean(
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(allow = Developers.class, openPaths = {"/d/", "/public/files/"})"""));
  }

  @Test
  void routeToAPortTheServiceDoesNotHaveIsAnError() {
    ClusterSources sources =
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(
            port = 9090)""");
    Expect.error(
        sources,
        "Web",
        "[route-port] port = 9090 but service web listens on [8080]",
        "port = 9090");
  }

  @Test
  void routeAllowingAClassThatIsNotAGroupIsAnError() {
    ClusterSources sources =
        routed(
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(allow = {Developers.class,
            Helper.class})""")
            .with("Helper", "public class Helper {}\n");
    Expect.error(
        sources,
        "Web",
        "[route-allow] allow[1] = Helper.class but test.Helper is not a @Group of cluster demo",
        "Helper.class})");
  }

  @Test
  void openToParameterThatIsNotAParameterNameIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(value = 29418,
                openToParameter = "git-ssh-cidr"))""");
    Expect.error(
        sources,
        "Web",
        "[open-to-parameter] openToParameter = \"git-ssh-cidr\" of service web is not a CloudFormation parameter name",
        "openToParameter = ");
  }

  @Test
  void openToParameterTooLongToNameTheRuleOpeningThePortIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(value = 29418,
                openToParameter = "%s"))"""
                .formatted("G".repeat(181)));
    Expect.error(
        sources,
        "Web",
        "is not a CloudFormation parameter name: use letters and digits only, at most 180"
            + " (the rules opening the port are named after it)",
        "openToParameter = ");
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(value = 29418,
                openToParameter = "%s"))"""
                .formatted("G".repeat(180))));
  }

  @Test
  void openToParameterNamingATemplateParameterIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(value = 29418,
                openToParameter = "AdminCidr"))""");
    Expect.error(
        sources,
        "Web",
        "[open-to-parameter] openToParameter = \"AdminCidr\" of service web is a parameter the template declares itself",
        "openToParameter = ");
    ClusterSources bucket =
        withWeb(
            """
        @Service(image = "example/git:1.0", runsOn = Workers.class,
            ports = @Port(value = 29418,
                openToParameter = "BootConfigBucket"))""");
    Expect.error(
        bucket,
        "Web",
        "[open-to-parameter] openToParameter = \"BootConfigBucket\" of service web is a parameter the template declares itself",
        "openToParameter = ");
  }

  @Test
  void routedServiceThatIsAlsoPublicIsAWarningOnPublic() {
    ClusterSources sources =
        routed(
            """
        @Service(image = "example/web:1.0", runsOn = Main.class, ports = @Port(443))
        @Route(allow = Developers.class)
        @Public(reason = "also reached directly")""");
    Expect.warning(
        sources,
        "Web",
        "[public-route] service web has a @Route, which asks for a sign-in, and is @Public",
        "@Public");
  }
}
