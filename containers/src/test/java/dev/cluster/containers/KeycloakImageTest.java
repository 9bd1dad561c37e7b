package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keycloak's image imports the team cluster's generated realm from its import folder at start, mounted as
 * the unit mounts it, with the OpenID Connect clients' secrets from its environment: the realm's discovery
 * document answers, and a client signs in with the secret it was given. Dev mode with its file database,
 * so no Postgres is needed; the cluster's command is {@code start --optimized --import-realm} on Postgres.
 */
class KeycloakImageTest {
  private static final String REALM = "/cluster/team/config/keycloak/team-realm.json";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  @Test
  void importsTheGeneratedRealmAndAnswersItsDiscoveryDocument() throws Exception {
    Path realm = dir.resolve("team-realm.json");
    try (InputStream generated = KeycloakImageTest.class.getResourceAsStream(REALM)) {
      assertNotNull(generated, REALM + " is not on the class path: team-cluster's build generates it");
      Files.write(realm, generated.readAllBytes());
    }
    String secret = UUID.randomUUID().toString();
    int http = Wait.freePort();
    int management = Wait.freePort();
    String image = Podman.image("keycloak");
    try (var keycloak = Podman.run(image, List.of(
        "-v", realm + ":/opt/keycloak/data/import/team-realm.json:ro,Z",
        "-e", "KC_DB=dev-file",
        "-e", "KC_HTTP_PORT=" + http,
        "-e", "KC_HTTP_MANAGEMENT_PORT=" + management,
        "-e", "AUTH_GATEWAY_OIDC_CLIENT_SECRET=" + UUID.randomUUID(),
        "-e", "KEY_SERVICE_OIDC_CLIENT_SECRET=" + secret), "start-dev", "--import-realm")) {
      // Dev mode builds Keycloak again first: minutes on a busy machine.
      keycloak.awaitHealthy(Duration.ofMinutes(10));
      assertEquals("keycloak\n", keycloak.exec("id", "-un").orFail().out());

      String issuer = "http://127.0.0.1:" + http + "/realms/team";
      HttpResponse<String> discovery = get(issuer + "/.well-known/openid-configuration");
      assertEquals(200, discovery.statusCode(), discovery.body() + keycloak.logs());
      assertTrue(discovery.body().contains("\"issuer\":\"" + issuer + "\""), discovery.body());

      // The key service's client (a service account): its secret came from the environment, not the file.
      assertEquals(200, token("key-service", secret, issuer).statusCode());
      assertEquals(401, token("key-service", "${KEY_SERVICE_OIDC_CLIENT_SECRET}", issuer).statusCode());
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> token(String client, String secret, String issuer)
      throws IOException, InterruptedException {
    String form = "grant_type=client_credentials&client_id=" + client + "&client_secret="
        + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
