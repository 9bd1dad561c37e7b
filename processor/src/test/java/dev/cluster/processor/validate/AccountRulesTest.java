package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** Rules on accounts and sign-in: groups, the identity provider and its OpenID Connect clients. */
class AccountRulesTest {
  /** A cluster with a front door, Keycloak at id, a gateway at auth, and Web for developers. */
  private static ClusterSources signIn() {
    return ClusterSources.withSignIn()
        .with(
            "Developers",
            """
            @Group(description = "people who write code")
            public class Developers {}
            """)
        .with(
            "Web",
            """
            @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
            @Route(subdomain = "www", allow = Developers.class)
            public class Web {}
            """);
  }

  @Test
  void aGroupThatNoRouteAllowsIsAWarningOnTheGroup() {
    ClusterSources sources =
        signIn()
            .with(
                "Auditors",
                """
        @Group(description = "people who read the logs")
        public class Auditors {}
        """);
    Expect.warning(
        sources, "Auditors", "[group-unused] @Group auditors is allowed on no @Route", "@Group");
  }

  @Test
  void aGroupThatLogsIntoTheMachinesIsUsedAndFine() {
    Expect.clean(
        signIn()
            .with(
                "Admins",
                """
        @Group(description = "run the machines", machineLogin = true, machineGroups = {"sudo", "docker"})
        public class Admins {}
        """));
  }

  @Test
  void machineGroupsWithoutMachineLoginOrNotLocalGroupNamesAreErrors() {
    Expect.error(
        signIn()
            .with(
                "Admins",
                """
        @Group(description = "run the machines",
            machineGroups = {"sudo"})
        public class Admins {}
        """),
        "Admins",
        "[machine-login] @Group admins names machineGroups but not machineLogin = true",
        "machineGroups");
    Expect.error(
        signIn()
            .with(
                "Admins",
                """
        @Group(description = "run the machines", machineLogin = true,
            machineGroups = {"sudo", "Wheel Group"})
        public class Admins {}
        """),
        "Admins",
        "[machine-login] 'Wheel Group' is not a local group name",
        "Wheel Group");
  }

  @Test
  void machineLoginWithoutARoutedIdentityProviderIsAnError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Admins",
                """
        @Group(description = "run the machines", machineLogin = true)
        public class Admins {}
        """);
    Expect.error(
        sources,
        "Admins",
        "[machine-login] @Group admins logs into the machines, whose accounts-sync reads"
            + " the groups from the @IdentityProvider at its @Route, but cluster demo has no routed @IdentityProvider",
        "@Group");
  }

  @Test
  void anAuthorizedKeysTokenMustBeTheServicesSecretOnARoutedService() {
    ClusterSources sources =
        signIn()
            .with(
                "KeysToken",
                """
            @Secret(description = "the key service's read token")
            public class KeysToken {}
            """)
            .with(
                "Keys",
                """
            @Service(image = "example/keys:1.0", runsOn = Workers.class, ports = @Port(8093))
            @ReadsAccounts(authorizedKeysToken = KeysToken.class)
            public class Keys {}
            """);
    com.google.testing.compile.Compilation compilation =
        dev.cluster.processor.testing.Compile.cluster(sources);
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining(
            "[machine-login] @ReadsAccounts(authorizedKeysToken = KeysToken.class) on keys is not one of"
                + " its secrets")
        .inFile(sources.file("Keys"))
        .onLineContaining("@ReadsAccounts");
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining(
            "[machine-login] @ReadsAccounts(authorizedKeysToken) on keys has no @Route")
        .inFile(sources.file("Keys"))
        .onLineContaining("@ReadsAccounts");
  }

  @Test
  void aMisspeltGroupDoesNotCompile() {
    ClusterSources sources =
        signIn()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(subdomain = "www", allow = Developer.class)
        public class Web {}
        """);
    org.junit.jupiter.api.Assertions.assertEquals(
        com.google.testing.compile.Compilation.Status.FAILURE,
        dev.cluster.processor.testing.Compile.cluster(sources).status());
  }

  @Test
  void anOidcClientWithoutAnIdentityProviderIsAnError() {
    ClusterSources sources =
        signIn()
            .without("Keycloak")
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Route(subdomain = "www", allow = Developers.class)
        @OidcClient
        public class Web {}
        """);
    // the gateway and Web both lack the provider: one error each, on their own annotation
    com.google.testing.compile.Compilation compilation =
        dev.cluster.processor.testing.Compile.cluster(sources);
    com.google.testing.compile.CompilationSubject.assertThat(compilation).hadErrorCount(2);
    com.google.testing.compile.CompilationSubject.assertThat(compilation)
        .hadErrorContaining(
            "[oidc-client] @OidcClient service web needs the identity provider, but cluster demo has no @IdentityProvider")
        .inFile(sources.file("Web"))
        .onLineContaining("@OidcClient");
  }

  @Test
  void anOidcClientWithoutARouteIsAnError() {
    ClusterSources sources =
        signIn()
            .with(
                "Wiki",
                """
        @Service(image = "example/wiki:1.0", runsOn = Workers.class, ports = @Port(8090))
        @OidcClient
        public class Wiki {}
        """);
    Expect.error(
        sources, "Wiki", "[oidc-client] @OidcClient service wiki has no @Route", "@OidcClient");
  }

  @Test
  void readingAccountsWithoutAnIdentityProviderIsAnErrorButNeedsNoRoute() {
    ClusterSources withoutProvider =
        ClusterSources.valid()
            .with(
                "Keys",
                """
        @Service(image = "example/keys:1.0", runsOn = Workers.class, ports = @Port(8093))
        @ReadsAccounts
        public class Keys {}
        """);
    Expect.error(
        withoutProvider,
        "Keys",
        "[oidc-client] @ReadsAccounts service keys needs the identity provider",
        "@ReadsAccounts");
    Expect.clean(
        signIn()
            .with(
                "Keys",
                """
        @Service(image = "example/keys:1.0", runsOn = Workers.class, ports = @Port(8093))
        @ReadsAccounts
        public class Keys {}
        """));
  }

  @Test
  void anIdentityProviderWithoutARouteIsAnError() {
    ClusterSources sources =
        signIn()
            .with(
                "Keycloak",
                """
        @Service(image = "example/keycloak:26.5.6", runsOn = Workers.class, ports = @Port(value = 8081, name = "http"))
        @IdentityProvider(realm = "demo")
        public class Keycloak {}
        """);
    Expect.error(
        sources,
        "Keycloak",
        "[identity-provider-route] @IdentityProvider service keycloak has no @Route",
        "@IdentityProvider");
  }

  @Test
  void anIdentityProviderOnlyForSomeGroupsIsAnError() {
    ClusterSources sources =
        signIn()
            .with(
                "Keycloak",
                """
        @Service(image = "example/keycloak:26.5.6", runsOn = Workers.class, ports = @Port(value = 8081, name = "http"))
        @IdentityProvider(realm = "demo")
        @Route(subdomain = "id",
            allow = Developers.class)
        public class Keycloak {}
        """);
    Expect.error(
        sources,
        "Keycloak",
        "[identity-provider-route] @Route of @IdentityProvider service keycloak allows"
            + " only some groups",
        "allow = Developers.class");
  }

  @Test
  void aSecondIdentityProviderIsAnErrorOnBoth() {
    ClusterSources sources =
        signIn()
            .with(
                "Sso",
                """
        @Service(image = "example/keycloak:26.5.6", runsOn = Workers.class, ports = @Port(value = 8082, name = "http"))
        @IdentityProvider(realm = "other")
        @Route(subdomain = "sso")
        public class Sso {}
        """);
    Expect.errors(
        sources,
        new Expect.At(
            "Sso",
            "[one-identity-provider] service sso (class Sso) and service keycloak (class Keycloak) are"
                + " both an @IdentityProvider",
            "@IdentityProvider"),
        new Expect.At(
            "Keycloak",
            "[one-identity-provider] service keycloak (class Keycloak) and service sso (class Sso)"
                + " are both an @IdentityProvider",
            "@IdentityProvider"));
  }

  @Test
  void anOidcClientBesideTheAuthGatewayIsAnError() {
    ClusterSources sources =
        signIn()
            .with(
                "Gateway",
                """
        @Service(image = "example/auth-gateway:0.1.0", runsOn = Workers.class, ports = @Port(value = 4180, name = "http"))
        @AuthGateway
        @OidcClient
        @Route(subdomain = "auth")
        public class Gateway {}
        """);
    Expect.error(
        sources,
        "Gateway",
        "[one-sign-in] @OidcClient on service gateway beside @AuthGateway, which signs"
            + " users in as its OpenID Connect client already",
        "@OidcClient");
  }

  @Test
  void signInThroughTheGatewayIsFine() {
    Expect.clean(signIn());
  }
}
