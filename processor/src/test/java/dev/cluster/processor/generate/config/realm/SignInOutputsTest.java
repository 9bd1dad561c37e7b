package dev.cluster.processor.generate.config.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the processor writes for sign-in, from annotated classes: the realm (groups, one client per
 * OpenID Connect service, secrets only as placeholders), the derived client secrets in the units'
 * environment, and the front door's server blocks. Keycloak importing the realm and nginx serving
 * the blocks are tested for real in containers/auth-gateway (SignInThroughTheFrontDoorTest).
 */
class SignInOutputsTest {
  private static final ClusterSources CLUSTER =
      ClusterSources.withSignIn()
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
          @OidcClient(redirectPath = "/oauth/callback")
          public class Web {}
          """)
          .with(
              "Wiki",
              """
          @Service(image = "example/wiki:1.0", runsOn = Workers.class, ports = @Port(8090))
          @Route(subdomain = "wiki", allow = Developers.class)
          public class Wiki {}
          """)
          .with(
              "Keys",
              """
          @Service(image = "example/keys:1.0", runsOn = Workers.class, ports = @Port(8093))
          @ReadsAccounts
          public class Keys {}
          """)
          .with(
              "Blog",
              """
          @Service(image = "example/blog:1.0", runsOn = Workers.class, ports = @Port(8070))
          @Route(subdomain = "blog", allow = Developers.class)
          public class Blog {}
          """);

  private static final Compilation COMPILATION = Compile.cluster(CLUSTER);

  private static String file(String path) {
    return Compile.generated(COMPILATION, "cluster/demo/" + path)
        .orElseThrow(() -> new AssertionError("no " + path));
  }

  @Test
  void theRealmHasTheGroupsAndOneClientPerOidcServiceWithItsSecretAsAPlaceholder()
      throws Exception {
    JsonNode realm = new ObjectMapper().readTree(file("config/keycloak/demo-realm.json"));
    assertEquals("demo", realm.get("realm").asText());
    assertEquals("developers", realm.get("groups").get(0).get("name").asText());
    assertEquals(3, realm.get("clients").size());
    JsonNode gateway = realm.get("clients").get(0);
    assertEquals("gateway", gateway.get("clientId").asText());
    assertEquals("${GATEWAY_OIDC_CLIENT_SECRET}", gateway.get("secret").asText());
    assertEquals(
        "https://auth.demo.example.com/callback", gateway.get("redirectUris").get(0).asText());
    assertEquals("S256", gateway.get("attributes").get("pkce.code.challenge.method").asText());
    JsonNode web = realm.get("clients").get(2);
    assertEquals(
        "https://www.demo.example.com/oauth/callback", web.get("redirectUris").get(0).asText());
    assertEquals("${WEB_OIDC_CLIENT_SECRET}", web.get("secret").asText());
  }

  @Test
  void aServiceThatReadsAccountsGetsAServiceAccountThatMayOnlyViewUsers() throws Exception {
    JsonNode realm = new ObjectMapper().readTree(file("config/keycloak/demo-realm.json"));
    JsonNode keys = realm.get("clients").get(1);
    assertEquals("keys", keys.get("clientId").asText());
    assertTrue(
        keys.get("serviceAccountsEnabled").asBoolean()
            && !keys.get("standardFlowEnabled").asBoolean(),
        keys.toString());
    assertEquals("${KEYS_OIDC_CLIENT_SECRET}", keys.get("secret").asText());
    JsonNode account = realm.get("users").get(0);
    assertEquals("keys", account.get("serviceAccountClientId").asText());
    assertEquals("[\"view-users\"]", account.at("/clientRoles/realm-management").toString());
    assertTrue(
        file("units/keys@.service")
            .contains("OIDC_ISSUER=https://id.demo.example.com/realms/demo"));
  }

  @Test
  void eachClientReadsItsDerivedSecretAndKeycloakReadsThemAll() {
    String web = file("units/web@.service");
    assertTrue(web.contains("WEB_OIDC_CLIENT_SECRET"), web);
    assertTrue(web.contains("OIDC_ISSUER=https://id.demo.example.com/realms/demo"), web);
    String keycloak = file("units/keycloak@.service");
    assertTrue(
        keycloak.contains("WEB_OIDC_CLIENT_SECRET")
            && keycloak.contains("GATEWAY_OIDC_CLIENT_SECRET"),
        keycloak);
  }

  @Test
  void theFrontDoorAsksTheGatewayForSignedInRoutesAndLeavesTheSignInOpen() {
    String wiki = file("config/front-door/wiki.conf");
    assertTrue(wiki.contains("server_name wiki.demo.example.com;"), wiki);
    assertTrue(wiki.contains("/auth?groups=developers;"), wiki);
    assertTrue(wiki.contains("auth_request /_front_door_auth;"), wiki);
    assertTrue(wiki.contains("return 302 https://auth.demo.example.com/login?rd="), wiki);
    assertTrue(wiki.contains("proxy_set_header X-Auth-Request-User $front_door_user;"), wiki);
    assertTrue(wiki.contains("listen 443 ssl;"), wiki);
    String id = file("config/front-door/id.conf");
    assertFalse(id.contains("auth_request"), id);
    assertTrue(id.contains("proxy_set_header X-Auth-Request-User \"\";"), id);
  }

  /**
   * The gateway alone gets the signing key; every app behind the sign-in gets the public key, its
   * own host name and its route's groups; the open routes (the identity provider, the gateway) and
   * unrouted services get neither.
   */
  @Test
  void theGatewaySignsIdentitiesAndEveryAppBehindTheSignInGetsThePublicKeyAndItsHost() {
    String gateway = file("units/gateway@.service");
    assertTrue(
        gateway.contains("FRONT_DOOR_SIGNING_KEY=demo/gateway-front-door-signing-key"), gateway);
    assertFalse(gateway.contains("FRONT_DOOR_VERIFY_KEY"), gateway);
    String wiki = file("units/wiki@.service");
    assertTrue(wiki.contains("FRONT_DOOR_VERIFY_KEY=demo/gateway-front-door-verify-key"), wiki);
    assertTrue(wiki.contains("-e FRONT_DOOR_AUDIENCE=wiki.demo.example.com"), wiki);
    assertTrue(wiki.contains("-e FRONT_DOOR_GROUPS=developers"), wiki);
    assertFalse(wiki.contains("FRONT_DOOR_SIGNING_KEY"), wiki);
    assertTrue(
        file("units/blog@.service").contains("-e FRONT_DOOR_AUDIENCE=blog.demo.example.com"));
    for (String unit : List.of("keycloak", "keys")) {
      assertFalse(file("units/" + unit + "@.service").contains("FRONT_DOOR_"), unit);
    }
    String conf = file("config/front-door/wiki.conf");
    assertTrue(
        conf.contains("proxy_set_header X-Front-Door-Audience wiki.demo.example.com;"), conf);
    assertTrue(
        conf.contains("auth_request_set $front_door_proof $upstream_http_x_front_door_proof;"),
        conf);
    assertTrue(conf.contains("proxy_set_header X-Front-Door-Proof $front_door_proof;"), conf);
  }

  /**
   * What a client says about who or where it is never reaches a backend; its Authorization only
   * where the route needs it (the identity provider), the front door's cookie only at the gateway.
   * Tested for real with nginx in containers/auth-gateway (SignInThroughTheFrontDoorTest).
   */
  @Test
  void theFrontDoorStripsWhatTheClientClaimsAndItsOwnCookie() {
    String wiki = file("config/front-door/wiki.conf");
    for (String header :
        List.of(
            "Forwarded",
            "Remote-User",
            "Authorization",
            "X-Auth-Request-Email",
            "X-Auth-Request-Access-Token",
            "Proxy-Authorization")) {
      assertTrue(wiki.contains("proxy_set_header " + header + " \"\";"), header + "\n" + wiki);
    }
    assertTrue(wiki.contains("proxy_set_header X-Forwarded-For $remote_addr;"), wiki);
    assertFalse(wiki.contains("$proxy_add_x_forwarded_for"), wiki);
    assertTrue(wiki.contains("proxy_set_header Cookie $front_door_backend_cookies;"), wiki);
    String id = file("config/front-door/id.conf");
    assertFalse(
        id.contains("proxy_set_header Authorization"), "OIDC clients and admin tokens: " + id);
    String auth = file("config/front-door/auth.conf");
    assertFalse(auth.contains("proxy_set_header Cookie"), "the gateway reads its session: " + auth);
    assertTrue(
        file("config/front-door/00-default.conf")
            .contains("map $http_cookie $front_door_backend_cookies {"));
  }

  @Test
  void plainHttpIsRedirectedToHttps() {
    String fallback = file("config/front-door/00-default.conf");
    assertTrue(
        fallback.contains("listen 443 ssl default_server;") && fallback.contains("return 404;"),
        fallback);
    assertTrue(
        fallback.contains("listen 80 default_server;\n  return 301 https://$host$request_uri;"),
        fallback);
  }

  @Test
  void theFrontDoorReachesEveryRoutedServiceThroughItsOwnAmbassadorWithoutBeingToldTo() {
    String blog = file("config/front-door/blog.conf");
    assertTrue(
        blog.contains("auth_request")
            && blog.matches("(?s).*proxy_pass http://10\\.222\\.\\d+\\.\\d+:150.*"),
        blog);
    assertTrue(
        file("units/door@.service").matches("(?s).*-e BLOG_HOST=10\\.222\\.\\d+\\.\\d+ .*"),
        file("units/door@.service"));
  }

  @Test
  void withoutAnAuthGatewayARouteBehindTheSignInFailsClosed() {
    Compilation noGateway =
        Compile.cluster(
            ClusterSources.valid()
                .with(
                    "Door",
                    """
            @Service(image = "example/nginx:1.27", replicas = 2, runsOn = Workers.class, ports = {@Port(80), @Port(443)})
            @Public(reason = "the front door")
            @FrontDoor
            public class Door {}
            """)
                .with(
                    "Web",
                    """
            @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
            @Route(subdomain = "www")
            public class Web {}
            """));
    String www =
        Compile.generated(noGateway, "cluster/demo/config/front-door/www.conf").orElseThrow();
    assertTrue(www.contains("return 503;") && !www.contains("proxy_pass"), www);
  }
}
