package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The team cluster's accounts: the realm Keycloak imports, the front door's sign-in, keys and SFTP.
 */
class TeamSignInTest {
  private static final Path OUTPUT = Path.of("target/classes/cluster/team");

  @Test
  void theRealmHasTheTeamsGroupsAndTheGatewaysClientWithoutItsSecret() throws IOException {
    String text = Files.readString(OUTPUT.resolve("config/keycloak/team-realm.json"));
    JsonNode realm = new ObjectMapper().readTree(text);
    assertEquals(
        List.of("admins", "developers", "sftp-users"),
        realm.get("groups").findValuesAsText("name").stream().sorted().toList());
    assertEquals(
        List.of("auth-gateway", "key-service", "accounts-sync"),
        realm.get("clients").findValuesAsText("clientId"));
    assertEquals("key-service", realm.get("users").get(0).get("serviceAccountClientId").asText());
    JsonNode gateway = realm.get("clients").get(0);
    assertEquals("auth-gateway", gateway.get("clientId").asText());
    assertEquals(
        "https://auth.dev.example.com/callback", gateway.get("redirectUris").get(0).asText());
    assertEquals("${AUTH_GATEWAY_OIDC_CLIENT_SECRET}", gateway.get("secret").asText());
  }

  @Test
  void everyRoutedServiceIsBehindTheSignInExceptTheSignInItself() throws IOException {
    String review = Files.readString(OUTPUT.resolve("config/front-door/review.conf"));
    assertTrue(
        review.contains("/auth?groups=developers;")
            && review.matches("(?s).*proxy_pass http://10\\.222\\.\\d+\\.\\d+:150\\d\\d;.*"),
        review);
    String keys = Files.readString(OUTPUT.resolve("config/front-door/keys.conf"));
    assertTrue(keys.contains("/auth?groups=admins,developers,sftp-users;"), keys);
    assertTrue(
        keys.contains("location /authorized-keys/ {"),
        "the machines' sshd asks with the token: " + keys);
    for (String open : List.of("id", "auth")) {
      String conf = Files.readString(OUTPUT.resolve("config/front-door/" + open + ".conf"));
      assertFalse(conf.contains("auth_request") || conf.contains("return 503"), conf);
    }
  }

  @Test
  void everyMachineGivesTheAdminsAccountsWithSudoAndKeysFromTheKeyService() throws IOException {
    for (String group : List.of("main", "workers", "data-nodes")) {
      String sync = Files.readString(OUTPUT.resolve("nodes/" + group + "/accounts-sync.service"));
      assertTrue(
          sync.contains(
              "--keycloak-url https://id.dev.example.com --realm team --client-id accounts-sync"
                  + " --client-secret-file /run/cluster/accounts-sync/client.env --group admins --local-group admins=sudo,docker"),
          sync);
      assertTrue(
          sync.contains("ACCOUNTS_SYNC_OIDC_CLIENT_SECRET=team/accounts-sync-oidc-client-secret"),
          sync);
      assertTrue(
          Files.readString(OUTPUT.resolve("nodes/" + group + "/dev-keys-token.service"))
              .contains("KEYS_READ_TOKEN=team/keys-read-token"));
      assertEquals(
          "https://keys.dev.example.com\n",
          Files.readString(
              OUTPUT.resolve("nodes/" + group + "/files/etc/dev-authorized-keys/url")));
    }
    assertTrue(
        Files.readString(OUTPUT.resolve("units/keycloak@.service"))
            .contains("ACCOUNTS_SYNC_OIDC_CLIENT_SECRET=team/accounts-sync-oidc-client-secret"));
  }

  @Test
  void keycloakAndTheGatewayReadTheGatewaysSecretFromSecretsManager() throws IOException {
    for (String unit : List.of("keycloak@.service", "auth-gateway@.service")) {
      String text = Files.readString(OUTPUT.resolve("units/" + unit));
      assertTrue(
          text.contains("AUTH_GATEWAY_OIDC_CLIENT_SECRET=team/auth-gateway-oidc-client-secret"),
          text);
    }
    String gateway = Files.readString(OUTPUT.resolve("units/auth-gateway@.service"));
    assertTrue(gateway.contains("OIDC_ISSUER=https://id.dev.example.com/realms/team"), gateway);
  }

  /**
   * Our apps believe an identity only with the gateway's proof for their own host
   * (docs/ACCOUNTS.md).
   */
  @Test
  void theGatewaySignsIdentitiesAndOurAppsCheckThemForTheirOwnHost() throws IOException {
    String gateway = Files.readString(OUTPUT.resolve("units/auth-gateway@.service"));
    assertTrue(
        gateway.contains("FRONT_DOOR_SIGNING_KEY=team/auth-gateway-front-door-signing-key"),
        gateway);
    assertTrue(
        Files.readString(OUTPUT.resolve("units/key-service@.service"))
            .contains("-e FRONT_DOOR_GROUPS=admins,developers,sftp-users"));
    for (String app : List.of("file-drop:drop", "apis:apis", "key-service:keys")) {
      String unit = Files.readString(OUTPUT.resolve("units/" + app.split(":")[0] + "@.service"));
      assertTrue(
          unit.contains("FRONT_DOOR_VERIFY_KEY=team/auth-gateway-front-door-verify-key"), unit);
      assertTrue(
          unit.contains("-e FRONT_DOOR_AUDIENCE=" + app.split(":")[1] + ".dev.example.com"), unit);
      assertFalse(unit.contains("FRONT_DOOR_SIGNING_KEY"), unit);
    }
  }
}
