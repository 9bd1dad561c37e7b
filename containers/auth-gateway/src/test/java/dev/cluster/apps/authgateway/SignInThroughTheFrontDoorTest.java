package dev.cluster.apps.authgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.apps.common.AppServer;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.SignedInUser;
import dev.cluster.apps.common.testing.Chromium;
import dev.cluster.apps.common.testing.FreePort;
import dev.cluster.apps.common.testing.KeycloakServer;
import dev.cluster.apps.common.testing.TestFrontDoor;
import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import dev.cluster.processor.generate.config.frontdoor.Listen;
import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.generate.config.realm.RealmExport;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The whole sign-in, for real, on 127.0.0.1: Keycloak importing the generated realm, nginx with the
 * generated server blocks, the auth gateway, and a test backend per route (app-common, believing
 * the gateway's proof for its host only) that answers with the user it believes and records the
 * headers it gets. One Keycloak for the class.
 */
class SignInThroughTheFrontDoorTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final ClusterModel MODEL = SignInCluster.model();

  /**
   * How long the gateway believes a session before asking Keycloak again: short, so the tests wait
   * little.
   */
  private static final Duration RECHECK = Duration.ofSeconds(2);

  /** A liveness bound for what must happen within {@link #RECHECK}, on a loaded machine. */
  private static final Duration LIVENESS = Duration.ofSeconds(90);

  private static KeycloakServer keycloak;
  private static RealmAdmin admin;
  private static NginxServer nginx;
  private static Javalin gateway;
  private static final Map<String, Javalin> BACKENDS = new java.util.TreeMap<>();

  /**
   * Every request the backends received, as they received it: its host and headers (names in lower
   * case).
   */
  private static final List<Map<String, String>> SEEN =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private static int frontDoorPort;

  @BeforeAll
  static void start() throws Exception {
    frontDoorPort = FreePort.pick();
    PublicUrls urls = new PublicUrls("http", frontDoorPort);
    String clientSecret = UUID.randomUUID().toString();
    // Keycloak calls the gateway's backchannel logout at its public name: resolve it to the
    // loopback.
    Path hosts = Files.createTempFile("hosts", "");
    Files.writeString(
        hosts,
        "127.0.0.1 localhost auth."
            + SignInCluster.DOMAIN
            + " "
            + java.net.InetAddress.getLocalHost().getHostName()
            + "\n");
    keycloak =
        KeycloakServer.start(
            SignInCluster.REALM,
            realmWithUsers(RealmExport.json(MODEL, urls)),
            Map.of(
                "AUTH_GATEWAY_OIDC_CLIENT_SECRET",
                clientSecret,
                "JAVA_OPTS_APPEND",
                "-Djdk.net.hosts.file=" + hosts));

    for (String subdomain : List.of("review", "ops", "drop")) {
      BACKENDS.put(subdomain, backend(subdomain + "." + SignInCluster.DOMAIN));
    }
    GatewaySettings settings =
        new GatewaySettings(
            0,
            keycloak.issuer(SignInCluster.REALM),
            SignInCluster.GATEWAY,
            clientSecret,
            URI.create(urls.of(MODEL, "auth") + "/callback"),
            SignInCluster.DOMAIN,
            false,
            Duration.ofHours(1),
            RECHECK,
            TestFrontDoor.gateway());
    admin = new RealmAdmin(keycloak, SignInCluster.REALM);
    gateway =
        new AuthGatewayApp(
                settings,
                new IdentityProviderClient(
                    IdentityProviderClient.discover(settings.issuer()), settings),
                Clock.systemUTC())
            .create()
            .start("127.0.0.1", 0);

    Map<String, Integer> ports =
        Map.of(
            "keycloak",
            keycloak.url().getPort(),
            SignInCluster.GATEWAY,
            gateway.port(),
            "review",
            BACKENDS.get("review").port(),
            "ops",
            BACKENDS.get("ops").port(),
            "drop",
            BACKENDS.get("drop").port());
    FrontDoorConfig config =
        new FrontDoorConfig(
            MODEL,
            Listen.plain("127.0.0.1:" + frontDoorPort),
            urls,
            (service, port) ->
                Optional.ofNullable(ports.get(service.name())).map(p -> "127.0.0.1:" + p));
    List<String> blocks = new ArrayList<>(List.of(config.defaultServer()));
    for (ServiceSpec service : MODEL.services()) {
      blocks.add(config.server(service));
    }
    nginx = NginxServer.start(frontDoorPort, blocks);
  }

  @AfterAll
  static void stop() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
    if (gateway != null) {
      gateway.stop();
    }
    BACKENDS.values().forEach(Javalin::stop);
    if (keycloak != null) {
      keycloak.close();
    }
  }

  /**
   * An app of app-common for {@code host}: it believes the identity the front door proves for that
   * host, answers with the user it believes, and records every request's headers.
   */
  private static Javalin backend(String host) {
    return AppServer.create(host, FrontDoorTrust.of(TestFrontDoor.VERIFY_KEY, host), config -> {})
        .get(
            "/*",
            ctx -> {
              Map<String, String> headers = new java.util.TreeMap<>();
              ctx.headerMap()
                  .forEach(
                      (name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), value));
              SEEN.add(headers);
              Optional<SignedInUser> user = FrontDoorIdentity.of(ctx);
              ctx.result(
                  "user="
                      + user.map(SignedInUser::name).orElse(null)
                      + " groups="
                      + user.map(u -> String.join(",", u.groups())).orElse(null));
            })
        .post("/*", ctx -> ctx.result("changed for " + FrontDoorIdentity.required(ctx).name()))
        .start("127.0.0.1", 0);
  }

  /**
   * The generated realm plus accounts: alice (developers) and bob (admins); and, each for one test
   * that changes it, carol (developers), dave (developers, admins) and erin (developers).
   */
  private static String realmWithUsers(String generated) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode realm = (ObjectNode) json.readTree(generated);
    ArrayNode users = realm.putArray("users");
    users.add(user(json, "alice", "developers"));
    users.add(user(json, "bob", "admins"));
    users.add(user(json, "carol", "developers"));
    users.add(user(json, "dave", "developers", "admins"));
    users.add(user(json, "erin", "developers"));
    return json.writeValueAsString(realm);
  }

  private static ObjectNode user(ObjectMapper json, String name, String... groups) {
    ObjectNode user = json.createObjectNode();
    user.put("username", name);
    user.put("enabled", true);
    user.put("email", name + "@dev.test");
    user.put("emailVerified", true);
    user.put("firstName", name);
    user.put("lastName", "Tester");
    ObjectNode credential = user.putArray("credentials").addObject();
    credential.put("type", "password");
    credential.put("value", PASSWORD);
    credential.put("temporary", false);
    ArrayNode memberOf = user.putArray("groups");
    for (String group : groups) {
      memberOf.add("/" + group);
    }
    return user;
  }

  private static String url(String subdomain, String path) {
    return "http://" + subdomain + "." + SignInCluster.DOMAIN + ":" + frontDoorPort + path;
  }

  private static Browser signedIn(String user, String subdomain) throws Exception {
    Browser browser = new Browser(SignInCluster.DOMAIN);
    Browser.Page login = browser.get(url(subdomain, "/"));
    assertTrue(
        browser.isLoginForm(login),
        "expected Keycloak's login form, got " + login.uri() + "\n" + login.body());
    Browser.Page back = browser.signIn(login, user, PASSWORD);
    assertEquals(url(subdomain, "/"), back.uri().toString(), back.body());
    return browser;
  }

  /**
   * What a person does, in a real headless Chromium: opens a page behind the sign-in, gets
   * Keycloak's form, signs in, and is back on the page, which the app answers for them. Screenshots
   * in target/screenshots/.
   */
  @Test
  void aPersonSignsInWithARealBrowserAndIsBackOnThePageTheyOpened() {
    try (Chromium browser = Chromium.start(SignInCluster.DOMAIN, Path.of("target/screenshots"))) {
      browser.open(url("review", "/changes"));
      browser.await(
          "Keycloak's sign-in form", page -> !page.findElements(By.id("username")).isEmpty());
      assertTrue(
          browser.url().startsWith(keycloak.issuer(SignInCluster.REALM) + "/"), browser.url());
      browser.screenshot("sign-in-form");
      browser.find(By.id("username")).sendKeys("alice");
      browser.find(By.id("password")).sendKeys(PASSWORD);
      browser.find(By.id("kc-login")).click();
      browser.await(
          "back on the review page after signing in",
          page -> page.getCurrentUrl().equals(url("review", "/changes")));
      assertEquals("user=alice groups=developers", browser.text());
      browser.screenshot("review-signed-in");
      browser.open(url("drop", "/"));
      browser.await(
          "the file drop, without a second sign-in",
          page -> page.getCurrentUrl().equals(url("drop", "/")));
      assertEquals("user=alice groups=developers", browser.text());
    }
  }

  @Test
  void withoutASignInTheBrowserIsSentToKeycloak() throws Exception {
    Browser browser = new Browser(SignInCluster.DOMAIN);
    Browser.Page first = browser.getOnce(url("review", "/some/page?x=1"), Map.of());
    assertEquals(302, first.status());
    assertEquals(
        url("auth", "/login?rd=" + url("review", "/some/page?x=1")),
        first.headers().get("location").get(0));
    Browser.Page login = browser.get(url("review", "/some/page?x=1"));
    assertTrue(
        login.uri().toString().startsWith(keycloak.issuer(SignInCluster.REALM) + "/"),
        login.uri().toString());
    assertTrue(browser.isLoginForm(login), login.body());
  }

  @Test
  void aMemberOfTheServicesGroupReachesItAfterSigningIn() throws Exception {
    Browser browser = signedIn("alice", "review");
    Browser.Page page = browser.get(url("review", "/changes"));
    assertEquals(200, page.status());
    assertEquals("user=alice groups=developers", page.body());
  }

  @Test
  void aUserOutsideTheServicesGroupsGets403() throws Exception {
    Browser bob = signedIn("bob", "ops");
    assertEquals("user=bob groups=admins", bob.get(url("ops", "/")).body());
    assertEquals(403, bob.get(url("review", "/")).status());
  }

  @Test
  void identityHeadersFromTheClientAreIgnored() throws Exception {
    Map<String, String> forged =
        Map.of(FrontDoorIdentity.USER_HEADER, "bob", FrontDoorIdentity.GROUPS_HEADER, "admins");
    Browser stranger = new Browser(SignInCluster.DOMAIN);
    assertEquals(302, stranger.getOnce(url("review", "/"), forged).status());

    Browser alice = signedIn("alice", "review");
    Browser.Page review = alice.getOnce(url("review", "/"), forged);
    assertEquals(
        "user=alice groups=developers", review.body(), "answered at once, not after a new sign-in");
    assertEquals(403, alice.getOnce(url("ops", "/"), forged).status());
  }

  /**
   * A file drop's download links: recipients have no account, so anyone may GET {@code /d/*}; every
   * other path and every other method still needs the sign-in, and no identity reaches the service
   * on them.
   */
  @Test
  void downloadLinksOpenWithoutASignInAndNothingElseDoes() throws Exception {
    Map<String, String> forged =
        Map.of(FrontDoorIdentity.USER_HEADER, "bob", FrontDoorIdentity.GROUPS_HEADER, "admins");
    Browser recipient = new Browser(SignInCluster.DOMAIN);
    Browser.Page link = recipient.getOnce(url("drop", "/d/Zm9v-YmFy_42?inline=1"), forged);
    assertEquals(200, link.status(), link.body());
    assertEquals(
        "user=null groups=null",
        link.body(),
        "no identity on an open path, least of all a forged one");

    assertEquals(
        403, recipient.postOnce(url("drop", "/d/Zm9v-YmFy_42"), "x=1").status(), "GET only");
    for (String signedInOnly : List.of("/", "/upload", "/dx", "/d/%2e%2e/upload")) {
      Browser.Page page = recipient.getOnce(url("drop", signedInOnly), Map.of());
      assertEquals(302, page.status(), signedInOnly + " needs the sign-in");
      assertTrue(
          page.headers().get("location").get(0).startsWith(url("auth", "/login?rd=")),
          signedInOnly);
    }
    // nginx's own answer to a prefix without its slash: a redirect to it, the service not asked.
    Browser.Page bare = recipient.getOnce(url("drop", "/d"), Map.of());
    assertEquals(301, bare.status());
    assertTrue(bare.headers().get("location").get(0).endsWith("/d/"), bare.headers().toString());
    // What the service would read differently from what nginx matched never goes through unsigned.
    assertEquals(400, recipient.getOnce(url("drop", "/d/;/../upload"), Map.of()).status());
    assertEquals(400, recipient.getOnce(url("drop", "/d/%75pload"), Map.of()).status());

    Browser alice = signedIn("alice", "drop");
    assertEquals("user=alice groups=developers", alice.get(url("drop", "/upload")).body());
  }

  @Test
  void afterLogoutTheSessionNoLongerWorksAnywhere() throws Exception {
    Browser alice = signedIn("alice", "review");
    String session = alice.cookie("review." + SignInCluster.DOMAIN, SessionCookie.NAME);
    assertTrue(
        session != null && !session.isEmpty(), "the gateway set a session cookie on the domain");

    Browser.Page out = alice.post(url("auth", "/logout"), Map.of("Origin", origin("auth")), "");
    assertEquals(url("auth", "/logged-out"), out.uri().toString(), out.body());
    assertEquals(200, out.status());

    // Keycloak's own session ended too: the next visit asks for the password again.
    assertTrue(alice.isLoginForm(alice.get(url("review", "/"))));
    // The old cookie, replayed, is refused: the session was revoked on the gateway.
    Browser replay = new Browser(SignInCluster.DOMAIN);
    replay.setCookie(SignInCluster.DOMAIN, SessionCookie.NAME, session);
    assertEquals(302, replay.getOnce(url("review", "/"), Map.of()).status());
  }

  @Test
  void whenKeycloakEndsTheUsersSessionsTheGatewaysSessionEndsToo() throws Exception {
    Browser alice = signedIn("alice", "review");
    assertEquals(200, alice.get(url("review", "/")).status());

    admin.logout("alice");

    // No browser took part: Keycloak told the gateway, which revoked the session behind alice's
    // cookie.
    assertEquals(302, alice.getOnce(url("review", "/"), Map.of()).status());
  }

  /**
   * Polls {@code url} until it answers {@code status}, within the liveness bound; the last answer.
   */
  private static Browser.Page awaitStatus(Browser browser, String url, int status)
      throws Exception {
    Instant deadline = Instant.now().plus(LIVENESS);
    Browser.Page page = browser.getOnce(url, Map.of());
    while (page.status() != status && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      page = browser.getOnce(url, Map.of());
    }
    assertEquals(
        status,
        page.status(),
        "within " + LIVENESS + " of a recheck every " + RECHECK + ": " + page.body());
    return page;
  }

  /**
   * Disabling an account sends no logout: the gateway finds out at its next check with Keycloak.
   */
  @Test
  void aDisabledUsersSessionIsRefusedWithinTheRecheck() throws Exception {
    Browser carol = signedIn("carol", "review");
    assertEquals(200, carol.getOnce(url("review", "/"), Map.of()).status());

    admin.disable("carol");

    Browser.Page refused = awaitStatus(carol, url("review", "/"), 302);
    assertTrue(
        refused.headers().get("location").get(0).startsWith(url("auth", "/login?rd=")),
        refused.headers().toString());
    assertTrue(
        carol.isLoginForm(carol.get(url("review", "/"))),
        "the session is gone: sign in again, which Keycloak refuses");
  }

  @Test
  void aUserTakenOutOfAGroupLosesItsRoutesWithinTheRecheck() throws Exception {
    Browser dave = signedIn("dave", "ops");
    Browser.Page ops = dave.get(url("ops", "/"));
    assertEquals(200, ops.status(), ops.body());
    assertTrue(
        ops.body().startsWith("user=dave groups=") && ops.body().contains("admins"), ops.body());

    admin.leave("dave", "admins");

    awaitStatus(dave, url("ops", "/"), 403);
    assertEquals(
        "user=dave groups=developers",
        dave.get(url("review", "/")).body(),
        "still signed in, in the group left");
  }

  /**
   * Keycloak's administration: its console, its admin API but the realm's own, the master realm.
   */
  @Test
  void theIdentityProvidersAdministrationIsNotRoutedFromTheFrontDoor() throws Exception {
    Browser stranger = new Browser(SignInCluster.DOMAIN);
    assertEquals(
        200,
        stranger
            .getOnce(
                url("id", "/realms/" + SignInCluster.REALM + "/.well-known/openid-configuration"),
                Map.of())
            .status(),
        "the sign-in's own realm is reached");
    assertEquals(
        401,
        stranger
            .getOnce(url("id", "/admin/realms/" + SignInCluster.REALM + "/users"), Map.of())
            .status(),
        "the realm's admin REST API reaches Keycloak, which wants a token (the service accounts have one)");
    // Straight to Keycloak, the master realm answers: what the front door refuses exists.
    assertEquals(
        200,
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        keycloak.url().resolve("/realms/master/.well-known/openid-configuration"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());

    for (String path :
        List.of(
            "/admin",
            "/admin/",
            "/admin/master/console/",
            "/admin/team/console/",
            "/admin/realms/master/users",
            "/admin/serverinfo",
            "/realms/master/.well-known/openid-configuration",
            "/realms/master/protocol/openid-connect/auth?client_id=security-admin-console",
            "/realms/master/account",
            "/%61dmin/master/console/",
            "//admin/master/console/",
            "/realms/team/../master/.well-known/openid-configuration",
            "/realms/team/%2e%2e/master/.well-known/openid-configuration",
            "/REALMS/MASTER/.well-known/openid-configuration",
            "/realms/%6daster/.well-known/openid-configuration",
            "/realms;x/master/.well-known/openid-configuration",
            "/realms/master;x/.well-known/openid-configuration",
            "/admin/realms/team/..;/master/users",
            "/admin/realms/team%2fusers/../../master/users",
            "/realms/%5cmaster/.well-known/openid-configuration")) {
      Browser.Page page = stranger.getOnce(url("id", path), Map.of());
      assertEquals(404, page.status(), path + ": " + page.body());
      assertTrue(
          page.body().contains("nginx"), path + " answered by nginx, not Keycloak: " + page.body());
    }
    Browser.Page token =
        stranger.postOnce(
            url("id", "/realms/master/protocol/openid-connect/token"),
            "grant_type=password&client_id=admin-cli&username="
                + KeycloakServer.ADMIN
                + "&password="
                + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8));
    assertEquals(
        404,
        token.status(),
        "no admin token from outside, even with the password: " + token.body());
  }

  /**
   * The generated realm locks an account after a few wrong passwords: then even the right one is
   * refused.
   */
  @Test
  void guessingPasswordsLocksTheAccountForAWhile() throws Exception {
    Browser guesser = new Browser(SignInCluster.DOMAIN);
    for (int i = 0; i < 5; i++) {
      Browser.Page form = guesser.get(url("review", "/"));
      // Apart by more than Keycloak's quick-login check, so only the number of failures counts.
      Thread.sleep(1_500);
      assertTrue(
          guesser.isLoginForm(guesser.signIn(form, "erin", "wrong guess " + i)),
          "guess " + i + " refused");
    }
    Thread.sleep(1_500);
    Browser.Page right = guesser.signIn(guesser.get(url("review", "/")), "erin", PASSWORD);
    assertTrue(
        guesser.isLoginForm(right),
        "the right password while locked must be refused, got " + right.uri());
  }

  /** Signing out changes state: a link, an image or another site's form cannot do it. */
  @Test
  void logoutByGetOrFromAnotherSitesPageIsRefused() throws Exception {
    Browser alice = signedIn("alice", "review");
    Browser.Page page = alice.get(url("auth", "/logout"));
    assertEquals(200, page.status());
    assertTrue(page.body().contains("<form method=\"post\" action=\"/logout\">"), page.body());
    assertEquals(
        200, alice.getOnce(url("review", "/"), Map.of()).status(), "a GET signs nobody out");

    for (String site : List.of(origin("review"), "https://evil.example", "null")) {
      Browser.Page refused = alice.post(url("auth", "/logout"), Map.of("Origin", site), "");
      assertEquals(403, refused.status(), site);
    }
    assertEquals(
        403, alice.post(url("auth", "/logout"), Map.of("Referer", url("drop", "/")), "").status());
    assertEquals(200, alice.getOnce(url("review", "/"), Map.of()).status(), "still signed in");
  }

  /**
   * Whatever a client says about who or where it is, and the front door's own session cookie, never
   * reach a backend, on a signed-in path or an open one; the backend's own cookies do.
   */
  @Test
  void forgedIdentityAndForwardingHeadersAndTheFrontDoorsCookieNeverReachTheBackend()
      throws Exception {
    Map<String, String> claims = new java.util.LinkedHashMap<>();
    claims.put(FrontDoorIdentity.USER_HEADER, "bob");
    claims.put(FrontDoorIdentity.GROUPS_HEADER, "admins");
    claims.put("X-Auth-Request-Email", "bob@dev.test");
    claims.put("X-Auth-Request-Access-Token", "forged-token");
    claims.put(FrontDoorProof.HEADER, "9999999999.forged");
    claims.put("X-Front-Door-Audience", "ops." + SignInCluster.DOMAIN);
    claims.put("X-Forwarded-For", "203.0.113.9");
    claims.put("Forwarded", "for=203.0.113.9;proto=https");
    claims.put("Remote-User", "bob");
    claims.put("Authorization", "Basic Ym9iOmhpbXNlbGY=");
    claims.put("Proxy-Authorization", "Basic Ym9iOmhpbXNlbGY=");
    Browser alice = signedIn("alice", "drop");
    alice.setCookie(SignInCluster.DOMAIN, "app_cookie", "kept");
    String session = alice.cookie("drop." + SignInCluster.DOMAIN, SessionCookie.NAME);
    assertTrue(session != null && !session.isEmpty());

    for (String path : List.of("/upload", "/d/Zm9v-YmFy_42")) {
      SEEN.clear();
      Browser.Page page = alice.getOnce(url("drop", path), claims);
      assertEquals(200, page.status(), path + ": " + page.body());
      boolean signedIn = path.equals("/upload");
      assertEquals(
          signedIn ? "user=alice groups=developers" : "user=null groups=null", page.body(), path);
      Map<String, String> seen = SEEN.get(0);
      assertEquals(
          "127.0.0.1", seen.get("x-forwarded-for"), path + ": the client's own list is not kept");
      for (String stripped :
          List.of(
              "forwarded",
              "remote-user",
              "authorization",
              "proxy-authorization",
              "x-auth-request-email",
              "x-auth-request-access-token",
              "x-front-door-audience")) {
        assertFalse(seen.containsKey(stripped), path + " passed " + stripped + ": " + seen);
      }
      if (signedIn) {
        assertEquals("alice", seen.get("x-auth-request-user"));
        assertTrue(
            FrontDoorProof.verifier(TestFrontDoor.VERIFY_KEY)
                .verify(
                    seen.get("x-front-door-proof"),
                    "drop." + SignInCluster.DOMAIN,
                    "alice",
                    "developers",
                    java.time.Instant.now()),
            seen.toString());
      } else {
        assertFalse(
            seen.containsKey("x-auth-request-user") || seen.containsKey("x-front-door-proof"),
            seen.toString());
      }
      assertEquals(
          "app_cookie=kept", seen.getOrDefault("cookie", "").strip().replaceAll(";$", ""), path);
      assertFalse(
          seen.toString().contains(session), path + ": the session cookie reached the backend");
    }
  }

  /**
   * The gateway's proof for one app, taken to another app's port, is refused there, and again at
   * its own app: a replay.
   */
  @Test
  void aProofMadeForOneAppIsRefusedByAnotherAndReplayedToItsOwn() throws Exception {
    Browser alice = signedIn("alice", "review");
    SEEN.clear();
    assertEquals("user=alice groups=developers", alice.get(url("review", "/")).body());
    Map<String, String> received = SEEN.get(0);
    HttpClient http = HttpClient.newHttpClient();
    for (String other : List.of("drop", "ops")) {
      HttpRequest.Builder replay =
          HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + BACKENDS.get(other).port() + "/"));
      for (String header :
          List.of(
              FrontDoorIdentity.USER_HEADER,
              FrontDoorIdentity.GROUPS_HEADER,
              FrontDoorProof.HEADER)) {
        replay.header(header, received.get(header.toLowerCase(java.util.Locale.ROOT)));
      }
      HttpResponse<String> refused =
          http.send(replay.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, refused.statusCode(), other);
      // Refused as another app's proof: that app never saw it, so it is not refused as a replay.
      assertTrue(
          refused.body().contains(FrontDoorTrust.UNPROVEN_MESSAGE), other + ": " + refused.body());
    }
    HttpRequest.Builder same =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + BACKENDS.get("review").port() + "/"));
    for (String header :
        List.of(
            FrontDoorIdentity.USER_HEADER,
            FrontDoorIdentity.GROUPS_HEADER,
            FrontDoorProof.HEADER)) {
      same.header(header, received.get(header.toLowerCase(java.util.Locale.ROOT)));
    }
    HttpResponse<String> replayed = http.send(same.build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(
        401,
        replayed.statusCode(),
        "the proof was good for the one request nginx forwarded with it");
    assertTrue(replayed.body().contains(FrontDoorTrust.REPLAYED_MESSAGE), replayed.body());
    assertEquals(
        "user=alice groups=developers",
        alice.get(url("review", "/")).body(),
        "the next request through the front door carries a proof of its own");
  }

  /**
   * A download link's token appears in no log of the front door: the path is logged up to the open
   * prefix.
   */
  @Test
  void noDownloadTokenInTheFrontDoorsLogs() throws Exception {
    String token = "c2VjcmV0LWRvd25sb2FkLXRva2Vu_" + UUID.randomUUID().toString().replace("-", "");
    Browser recipient = new Browser(SignInCluster.DOMAIN);
    assertEquals(
        200, recipient.getOnce(url("drop", "/d/" + token + "?inline=1"), Map.of()).status());
    assertEquals(400, recipient.getOnce(url("drop", "/d/" + token + "%2e"), Map.of()).status());
    assertEquals(400, recipient.getOnce(url("drop", "/d/;" + token), Map.of()).status());
    String logs = nginx.accessLogs();
    assertTrue(
        logs.contains("\"GET /d/[redacted] HTTP/1.1\" 200"),
        "the request is logged, redacted:\n" + logs);
    assertFalse(logs.contains(token), "the token is in nginx's log:\n" + logs);
  }

  /**
   * A state-changing request from a sibling site's page, with the user's cookie, is refused by the
   * app.
   */
  @Test
  void aCrossOriginPostIsRefused() throws Exception {
    Browser alice = signedIn("alice", "drop");
    Browser.Page fromElsewhere =
        alice.post(url("drop", "/upload"), Map.of("Origin", origin("review")), "x=1");
    assertEquals(403, fromElsewhere.status(), fromElsewhere.body());
    Browser.Page fromItsOwnPage =
        alice.post(url("drop", "/upload"), Map.of("Origin", origin("drop")), "x=1");
    assertEquals("changed for alice", fromItsOwnPage.body());
  }

  private static String origin(String subdomain) {
    return "http://" + subdomain + "." + SignInCluster.DOMAIN + ":" + frontDoorPort;
  }
}
