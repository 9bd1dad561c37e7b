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
 * Keycloak's image as the cluster runs it ({@code start --optimized --import-realm}, its database
 * given as the Postgres ambassador's {@code DB_*} variables) imports the team cluster's generated
 * realm from its import folder, mounted as the unit mounts it, with the OpenID Connect clients'
 * secrets from its environment: the realm's discovery document answers, and a client signs in with
 * the secret it was given. The database is a plain PostgreSQL 17 from the postgres-patroni image.
 */
class KeycloakImageTest {
  private static final String REALM = "/cluster/team/config/keycloak/team-realm.json";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void importsTheGeneratedRealmAndAnswersItsDiscoveryDocument() throws Exception {
    Path realm = dir.resolve("team-realm.json");
    try (InputStream generated = KeycloakImageTest.class.getResourceAsStream(REALM)) {
      assertNotNull(
          generated, REALM + " is not on the class path: team-cluster's build generates it");
      Files.write(realm, generated.readAllBytes());
    }
    String secret = UUID.randomUUID().toString();
    int pgPort = Wait.freePort();
    int http = Wait.freePort();
    int management = Wait.freePort();
    String image = Podman.image("keycloak");
    try (var postgres =
        Podman.run(
            Podman.image("postgres-patroni"),
            List.of("--entrypoint", "sh"),
            "-c",
            "initdb -D /tmp/pg -U postgres -A trust >/dev/null && exec postgres -D /tmp/pg -p "
                + pgPort
                + " -c listen_addresses=127.0.0.1 -k /tmp")) {
      postgres.awaitPort(pgPort, Duration.ofSeconds(60));
      postgres
          .exec(
              "psql",
              "-h",
              "127.0.0.1",
              "-p",
              String.valueOf(pgPort),
              "-U",
              "postgres",
              "-c",
              "CREATE ROLE keycloak LOGIN PASSWORD 'db-secret'",
              "-c",
              "CREATE DATABASE keycloak OWNER keycloak")
          .orFail();
      try (var keycloak =
          Podman.run(
              image,
              List.of(
                  "-v",
                  realm + ":/opt/keycloak/data/import/team-realm.json:ro,Z",
                  "-e",
                  "KC_HOSTNAME=http://127.0.0.1:" + http,
                  "-e",
                  "KC_HTTP_PORT=" + http,
                  "-e",
                  "KC_HTTP_MANAGEMENT_PORT=" + management,
                  "-e",
                  "DB_HOST=127.0.0.1",
                  "-e",
                  "DB_PORT=" + pgPort,
                  "-e",
                  "DB_NAME=keycloak",
                  "-e",
                  "DB_USER=keycloak",
                  "-e",
                  "DB_PASSWORD=db-secret",
                  "-e",
                  "AUTH_GATEWAY_OIDC_CLIENT_SECRET=" + UUID.randomUUID(),
                  "-e",
                  "KEY_SERVICE_OIDC_CLIENT_SECRET=" + secret))) {
        keycloak.awaitHealthy(Duration.ofMinutes(10));
        check(keycloak, http, secret);
        // Into the database the ambassador's variables named, not a file of its own.
        assertEquals(
            "master\nteam\n",
            postgres
                .exec(
                    "psql",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(pgPort),
                    "-U",
                    "postgres",
                    "-d",
                    "keycloak",
                    "-tAc",
                    "SELECT name FROM realm ORDER BY name")
                .orFail()
                .out());
      }
    }
  }

  private static void check(Podman.Container keycloak, int http, String secret) throws Exception {
    assertEquals("keycloak\n", keycloak.exec("id", "-un").orFail().out());

    String issuer = "http://127.0.0.1:" + http + "/realms/team";
    HttpResponse<String> discovery = get(issuer + "/.well-known/openid-configuration");
    assertEquals(200, discovery.statusCode(), discovery.body() + keycloak.logs());
    assertTrue(discovery.body().contains("\"issuer\":\"" + issuer + "\""), discovery.body());

    // The key service's client (a service account): its secret came from the environment, not the
    // file.
    assertEquals(200, token("key-service", secret, issuer).statusCode());
    assertEquals(
        401, token("key-service", "${KEY_SERVICE_OIDC_CLIENT_SECRET}", issuer).statusCode());
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> token(String client, String secret, String issuer)
      throws IOException, InterruptedException {
    String form =
        "grant_type=client_credentials&client_id="
            + client
            + "&client_secret="
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .timeout(Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
