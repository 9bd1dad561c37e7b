package dev.cluster.apps.keyservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Asks Keycloak, at every lookup, whether the account exists and is enabled and which groups it is
 * in, with the service's own credentials (client credentials grant of its {@code @ReadsAccounts}
 * client, allowed to view users only). Keycloak unreachable means no keys: a login fails rather
 * than admit a removed account.
 */
public final class KeycloakAccounts implements Accounts {
  private static final Logger LOG = Logger.getLogger(KeycloakAccounts.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final URI issuer;
  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private String token = "";
  private Instant tokenExpires = Instant.MIN;

  public KeycloakAccounts(URI issuer, String clientId, String clientSecret, Clock clock) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.clock = clock;
  }

  @Override
  public Optional<List<String>> groupsOf(String user) {
    try {
      URI users = URI.create(issuer.toString().replace("/realms/", "/admin/realms/") + "/users");
      JsonNode found =
          get(
              URI.create(
                  users
                      + "?exact=true&username="
                      + URLEncoder.encode(user, StandardCharsets.UTF_8)));
      if (found.size() == 0 || !found.get(0).path("enabled").asBoolean(false)) {
        return Optional.empty();
      }
      List<String> groups = new ArrayList<>();
      get(URI.create(users + "/" + found.get(0).path("id").asText() + "/groups"))
          .forEach(g -> groups.add(g.path("name").asText()));
      return Optional.of(groups);
    } catch (IOException e) {
      LOG.warning("cannot ask Keycloak about " + user + ", so no keys: " + e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private JsonNode get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(3))
                .header("Authorization", "Bearer " + token())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("Keycloak answered " + response.statusCode() + " to " + uri.getPath());
    }
    return JSON.readTree(response.body());
  }

  private synchronized String token() throws IOException, InterruptedException {
    if (clock.instant().isBefore(tokenExpires)) {
      return token;
    }
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                        + ":"
                        + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(3))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "Keycloak refused the key service's credentials: " + response.statusCode());
    }
    JsonNode body = JSON.readTree(response.body());
    token = body.path("access_token").asText();
    // Renew a little before Keycloak's expiry, so no lookup carries a token that lapses on the way.
    tokenExpires =
        clock.instant().plusSeconds(Math.max(0, body.path("expires_in").asLong(60) - 10));
    return token;
  }
}
