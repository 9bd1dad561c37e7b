package dev.cluster.runtime.deploy.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.runtime.deploy.console.ConnectionFailure;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keycloak's admin REST API over plain HTTP and Jackson (the project's JSON library already;
 * Keycloak's own admin client would add a JAX-RS stack to the deploy client for five calls). Signs
 * in as an admin of the master realm with the password grant of {@code admin-cli}, then works on
 * one realm; or, for the read-only accounts-sync agent, as a confidential client's service account
 * (client credentials grant).
 */
public final class KeycloakAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String realm;
  private final String token;

  private KeycloakAdmin(URI base, String realm, String token) {
    this.base = base;
    this.realm = realm;
    this.token = token;
  }

  public static KeycloakAdmin signIn(
      URI base, String realm, String adminUser, String adminPassword) {
    KeycloakAdmin anonymous = new KeycloakAdmin(base, realm, "");
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + encode(adminUser)
            + "&password="
            + encode(adminPassword);
    HttpResponse<String> response =
        anonymous.send(
            HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (response.statusCode() == 401 || response.statusCode() == 400) {
      throw new DeployException(
          "Keycloak at " + base + " refused admin " + adminUser + ": wrong user or password");
    }
    JsonNode body = anonymous.json(response, "sign in as admin " + adminUser);
    KeycloakAdmin admin = new KeycloakAdmin(base, realm, body.path("access_token").asText());
    admin.json(admin.send(admin.request("")), "read realm " + realm);
    return admin;
  }

  /**
   * A realm client's own sign-in, for a reader such as accounts-sync: what it may do is what its
   * service account's roles allow (view-users, query-groups).
   */
  public static KeycloakAdmin withClientCredentials(
      URI base, String realm, String clientId, String clientSecret) {
    KeycloakAdmin anonymous = new KeycloakAdmin(base, realm, "");
    String form =
        "grant_type=client_credentials&client_id="
            + encode(clientId)
            + "&client_secret="
            + encode(clientSecret);
    HttpResponse<String> response =
        anonymous.send(
            HttpRequest.newBuilder(
                    base.resolve("/realms/" + encode(realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (response.statusCode() == 401 || response.statusCode() == 400) {
      throw new DeployException(
          "Keycloak at "
              + base
              + " refused client "
              + clientId
              + " of realm "
              + realm
              + ": "
              + errorMessage(response)
              + " (check the client id and its secret)");
    }
    JsonNode body = anonymous.json(response, "sign in as client " + clientId);
    return new KeycloakAdmin(base, realm, body.path("access_token").asText());
  }

  /**
   * The user attribute that holds an account's UID on every system (assigned by {@code users add}).
   */
  public static final String UID_NUMBER = "uidNumber";

  public record Group(String id, String name) {}

  public record User(
      String id, String username, String email, boolean enabled, OptionalInt uidNumber) {}

  public List<Group> groups() {
    List<Group> groups = new ArrayList<>();
    for (JsonNode group : json(send(request("/groups")), "list the groups")) {
      groups.add(new Group(group.path("id").asText(), group.path("name").asText()));
    }
    return groups;
  }

  /**
   * The group whose subgroups are the uidNumbers given out, one each (e.g. {@code
   * uid-numbers/20005}). Keycloak refuses a second subgroup of the same name, which makes taking a
   * number atomic where its user attributes have no uniqueness at all. The subgroups have no
   * members and no roles: they grant nothing.
   */
  public static final String UID_CLAIMS_GROUP = "uid-numbers";

  /** Takes {@code uidNumber} for one account: false when someone took it before. */
  public boolean claimUidNumber(int uidNumber) {
    ObjectNode child = JSON.createObjectNode().put("name", Integer.toString(uidNumber));
    HttpResponse<String> response =
        send(
            request("/groups/" + uidClaimsGroup().id() + "/children")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(child.toString())));
    if (response.statusCode() == 409) {
      return false;
    }
    expect(response, 201, "take uidNumber " + uidNumber);
    return true;
  }

  /** The uidNumbers taken so far through {@link #claimUidNumber}. */
  public List<Integer> claimedUidNumbers() {
    List<Integer> claimed = new ArrayList<>();
    for (JsonNode group :
        json(
            send(request("/groups/" + uidClaimsGroup().id() + "/children?max=100000")),
            "list the uidNumbers taken")) {
      String name = group.path("name").asText();
      if (name.matches("[0-9]{1,9}")) {
        claimed.add(Integer.parseInt(name));
      }
    }
    return claimed;
  }

  private Group uidClaimsGroup() {
    Optional<Group> existing = group(UID_CLAIMS_GROUP);
    if (existing.isPresent()) {
      return existing.get();
    }
    ObjectNode group = JSON.createObjectNode().put("name", UID_CLAIMS_GROUP);
    HttpResponse<String> response =
        send(
            request("/groups")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(group.toString())));
    if (response.statusCode() != 409) {
      expect(response, 201, "create group " + UID_CLAIMS_GROUP);
    }
    return group(UID_CLAIMS_GROUP)
        .orElseThrow(
            () ->
                new DeployException(
                    "Keycloak has no group " + UID_CLAIMS_GROUP + " after creating it"));
  }

  public List<User> users() {
    List<User> users = new ArrayList<>();
    for (JsonNode user :
        json(send(request("/users?max=10000&briefRepresentation=false")), "list the users")) {
      users.add(user(user));
    }
    return users;
  }

  public Optional<User> user(String username) {
    JsonNode found =
        json(
            send(request("/users?exact=true&username=" + encode(username))),
            "find user " + username);
    return found.size() == 0 ? Optional.empty() : Optional.of(user(found.get(0)));
  }

  /** The top-level group of this name, if the realm has one. */
  public Optional<Group> group(String name) {
    return groups().stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /** Every member of a group, with their attributes, read a page at a time. */
  public List<User> members(Group group) {
    List<User> members = new ArrayList<>();
    int page = 200;
    for (int first = 0; ; first += page) {
      JsonNode batch =
          json(
              send(
                  request(
                      "/groups/"
                          + group.id()
                          + "/members?briefRepresentation=false&first="
                          + first
                          + "&max="
                          + page)),
              "list the members of " + group.name());
      batch.forEach(u -> members.add(user(u)));
      if (batch.size() < page) {
        return members;
      }
    }
  }

  /**
   * Makes sure the realm's user profile declares {@link #UID_NUMBER}, which only admins may see and
   * edit (a user who could set it would choose someone else's UID); Keycloak drops attributes its
   * profile does not declare.
   */
  public void declareUidNumber() {
    JsonNode profile = json(send(request("/users/profile")), "read the user profile");
    for (JsonNode attribute : profile.path("attributes")) {
      if (attribute.path("name").asText().equals(UID_NUMBER)) {
        return;
      }
    }
    ObjectNode attribute = ((ObjectNode) profile).withArray("attributes").addObject();
    attribute.put("name", UID_NUMBER);
    attribute.put("displayName", "UID on the team's machines");
    ObjectNode permissions = attribute.putObject("permissions");
    permissions.putArray("view").add("admin");
    permissions.putArray("edit").add("admin");
    attribute.put("multivalued", false);
    expect(
        send(
            request("/users/profile")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(profile.toString()))),
        200,
        "declare " + UID_NUMBER + " in the user profile");
  }

  /**
   * Sets the user's {@link #UID_NUMBER}, keeping everything else of the account (Keycloak's PUT
   * replaces the whole).
   */
  public void assignUidNumber(User user, int uidNumber) {
    ObjectNode full =
        (ObjectNode) json(send(request("/users/" + user.id())), "read user " + user.username());
    ObjectNode attributes =
        full.has("attributes") ? (ObjectNode) full.get("attributes") : full.putObject("attributes");
    attributes.putArray(UID_NUMBER).add(Integer.toString(uidNumber));
    expect(
        send(
            request("/users/" + user.id())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(full.toString()))),
        204,
        "set the uidNumber of " + user.username());
  }

  /**
   * Creates an enabled user who must choose a new password at the first sign-in, with their UID on
   * every machine.
   */
  public User create(String username, String email, String temporaryPassword, int uidNumber) {
    ObjectNode user = JSON.createObjectNode();
    user.put("username", username);
    user.put("email", email);
    user.put("enabled", true);
    user.put("emailVerified", true);
    user.putObject("attributes").putArray(UID_NUMBER).add(Integer.toString(uidNumber));
    ObjectNode credential = user.putArray("credentials").addObject();
    credential.put("type", "password");
    credential.put("value", temporaryPassword);
    credential.put("temporary", true);
    HttpResponse<String> response =
        send(
            request("/users")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(user.toString())));
    if (response.statusCode() == 409) {
      throw new DeployException(
          "Keycloak refused user "
              + username
              + ": "
              + errorMessage(response)
              + " (list the accounts with: users list)");
    }
    expect(response, 201, "create user " + username);
    return user(username)
        .orElseThrow(
            () -> new DeployException("Keycloak created " + username + " but does not find it"));
  }

  /**
   * Signs the user out everywhere first: that logout tells every client with a backchannel logout
   * URL (the auth gateway), whereas deleting the user alone would leave their gateway sessions to
   * expire.
   */
  public void delete(User user) {
    signOut(user);
    expect(send(request("/users/" + user.id()).DELETE()), 204, "remove user " + user.username());
  }

  /**
   * Ends every session of the user at Keycloak, which tells every client with a backchannel logout
   * URL (the auth gateway) at once: what the user could reach ends now, not at the gateway's next
   * check.
   */
  public void signOut(User user) {
    expect(
        send(request("/users/" + user.id() + "/logout").POST(HttpRequest.BodyPublishers.noBody())),
        204,
        "sign out user " + user.username());
  }

  /** How many sessions the user has at Keycloak now. */
  public int sessionCount(User user) {
    return json(
            send(request("/users/" + user.id() + "/sessions")),
            "list the sessions of " + user.username())
        .size();
  }

  /**
   * Enables or disables the account, keeping everything else of it (Keycloak's PUT replaces the
   * whole).
   */
  public void setEnabled(User user, boolean enabled) {
    ObjectNode full =
        (ObjectNode) json(send(request("/users/" + user.id())), "read user " + user.username());
    full.put("enabled", enabled);
    expect(
        send(
            request("/users/" + user.id())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(full.toString()))),
        204,
        (enabled ? "enable user " : "disable user ") + user.username());
  }

  public List<String> groupsOf(User user) {
    List<String> names = new ArrayList<>();
    json(send(request("/users/" + user.id() + "/groups")), "read the groups of " + user.username())
        .forEach(g -> names.add(g.path("name").asText()));
    return names;
  }

  public void join(User user, Group group) {
    expect(
        send(
            request("/users/" + user.id() + "/groups/" + group.id())
                .PUT(HttpRequest.BodyPublishers.noBody())),
        204,
        "add " + user.username() + " to " + group.name());
  }

  public void leave(User user, Group group) {
    expect(
        send(request("/users/" + user.id() + "/groups/" + group.id()).DELETE()),
        204,
        "remove " + user.username() + " from " + group.name());
  }

  private static User user(JsonNode node) {
    String uid = node.path("attributes").path(UID_NUMBER).path(0).asText("");
    OptionalInt uidNumber =
        uid.matches("[0-9]{1,9}") ? OptionalInt.of(Integer.parseInt(uid)) : OptionalInt.empty();
    return new User(
        node.path("id").asText(),
        node.path("username").asText(),
        node.path("email").asText(""),
        node.path("enabled").asBoolean(true),
        uidNumber);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve("/admin/realms/" + encode(realm) + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeployException(
          "cannot reach Keycloak at "
              + base
              + ": "
              + ConnectionFailure.describe(e)
              + " (check --keycloak-url)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while talking to Keycloak", e);
    }
  }

  private JsonNode json(HttpResponse<String> response, String action) {
    if (response.statusCode() == 404 && action.startsWith("read realm")) {
      throw new DeployException(
          "Keycloak at " + base + " has no realm " + realm + " (check --realm)");
    }
    expect(response, 200, action);
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new DeployException(
          "Keycloak's answer to " + action + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static void expect(HttpResponse<String> response, int status, String action) {
    if (response.statusCode() != status) {
      throw new DeployException(
          "Keycloak could not "
              + action
              + ": HTTP "
              + response.statusCode()
              + " "
              + errorMessage(response));
    }
  }

  private static String errorMessage(HttpResponse<String> response) {
    try {
      JsonNode body = JSON.readTree(response.body());
      return body.path("errorMessage")
          .asText(body.path("error_description").asText(body.path("error").asText("")));
    } catch (IOException e) {
      return "";
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
