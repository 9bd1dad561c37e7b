package dev.cluster.apps.authgateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.apps.common.testing.KeycloakServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What an admin changes in the directory, straight through Keycloak's admin API (as the master
 * realm's admin, reached directly, not through the front door): the tests then watch what the
 * gateway makes of it.
 */
final class RealmAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final KeycloakServer keycloak;
  private final URI users;
  private final URI groups;

  RealmAdmin(KeycloakServer keycloak, String realm) {
    this.keycloak = keycloak;
    this.users = keycloak.url().resolve("/admin/realms/" + realm + "/users");
    this.groups = keycloak.url().resolve("/admin/realms/" + realm + "/groups");
  }

  /**
   * Ends every session of the user at Keycloak, which tells the clients' backchannel logout URLs.
   */
  void logout(String user) throws IOException, InterruptedException {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(users + "/" + id(user) + "/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(204, response.statusCode(), response.body());
  }

  /** Disables the account, and nothing else: Keycloak sends no logout for it. */
  void disable(String user) throws IOException, InterruptedException {
    URI account = URI.create(users + "/" + id(user));
    ObjectNode representation =
        (ObjectNode) JSON.readTree(send(HttpRequest.newBuilder(account)).body());
    representation.put("enabled", false);
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(account)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(representation.toString())));
    assertEquals(204, response.statusCode(), response.body());
  }

  /** Takes the user out of a group, and nothing else: Keycloak sends no logout for it. */
  void leave(String user, String group) throws IOException, InterruptedException {
    String groupId = null;
    for (JsonNode g : JSON.readTree(send(HttpRequest.newBuilder(groups)).body())) {
      if (g.path("name").asText().equals(group)) {
        groupId = g.path("id").asText();
      }
    }
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(users + "/" + id(user) + "/groups/" + groupId))
                .DELETE());
    assertEquals(204, response.statusCode(), response.body());
  }

  private String id(String user) throws IOException, InterruptedException {
    return JSON.readTree(
            send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username=" + user))).body())
        .get(0)
        .get("id")
        .asText();
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(
        request.header("Authorization", "Bearer " + token()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String token() throws IOException, InterruptedException {
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + KeycloakServer.ADMIN
            + "&password="
            + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    keycloak.url().resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return JSON.readTree(response.body()).get("access_token").asText();
  }
}
