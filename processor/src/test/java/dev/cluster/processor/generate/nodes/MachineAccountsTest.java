package dev.cluster.processor.generate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A {@code @Group(machineLogin = true)} gives every machine the runtime's accounts-sync on a timer,
 * its client in the realm, and sshd keys from the key service through the front door. The units
 * pass systemd-analyze in team-cluster's UnitsCheckersTest; the agent and the key command run for
 * real in the runtime's AccountsSyncTest.
 */
class MachineAccountsTest {
  private static final ClusterSources CLUSTER =
      ClusterSources.withSignIn()
          .with(
              "Admins",
              """
          @Group(description = "run the machines", machineLogin = true, machineGroups = {"sudo", "docker"})
          public class Admins {}
          """)
          .with(
              "KeysToken",
              """
          @Secret(description = "the key service's read token", env = "KEYS_READ_TOKEN")
          public class KeysToken {}
          """)
          .with(
              "Keys",
              """
          @Service(image = "example/keys:1.0", runsOn = Workers.class, ports = @Port(8093), secrets = KeysToken.class)
          @ReadsAccounts(authorizedKeysToken = KeysToken.class)
          @Route(subdomain = "keys", allow = Admins.class)
          public class Keys {}
          """);

  private static final Compilation COMPILATION = Compile.cluster(CLUSTER);

  private static String file(String path) {
    return Compile.generated(COMPILATION, "cluster/demo/" + path)
        .orElseThrow(() -> new AssertionError("no " + path));
  }

  @Test
  void everyMachineSyncsTheGroupsAccountsEveryMinuteWithItsOwnClientSecretFromSecretsManager() {
    for (String group : new String[] {"main", "workers"}) {
      String sync = file("nodes/" + group + "/accounts-sync.service");
      assertTrue(
          sync.contains(
              "secrets-env --region eu-west-1 --out /run/cluster/accounts-sync/client.env"
                  + " ACCOUNTS_SYNC_OIDC_CLIENT_SECRET=demo/accounts-sync-oidc-client-secret"),
          sync);
      assertTrue(
          sync.contains("RuntimeDirectory=cluster/accounts-sync\nRuntimeDirectoryMode=0700"), sync);
      assertTrue(sync.contains("--user root \\\n    -v /:/host"), sync);
      assertTrue(
          sync.contains(
              "accounts-sync --root /host --keycloak-url https://id.demo.example.com --realm demo"
                  + " --client-id accounts-sync --client-secret-file /run/cluster/accounts-sync/client.env --group admins"
                  + " --local-group admins=sudo,docker"),
          sync);
      String timer = file("nodes/" + group + "/accounts-sync.timer");
      assertTrue(
          timer.contains("OnUnitInactiveSec=60s") && timer.contains("WantedBy=timers.target"),
          timer);
    }
  }

  @Test
  void sshdTakesKeysOnlyFromTheKeyServiceWithTheSameScriptAsTheSftpImage() throws Exception {
    String sshd = file("nodes/workers/files/etc/ssh/sshd_config.d/50-dev-accounts.conf");
    assertTrue(
        sshd.contains(
            "AuthorizedKeysFile none\nAuthorizedKeysCommand /opt/bin/dev-authorized-keys %u\n"
                + "AuthorizedKeysCommandUser dev-keys\n"),
        sshd);
    assertTrue(sshd.contains("Match User core\n  AuthorizedKeysFile .ssh/authorized_keys"), sshd);
    assertEquals(
        "https://keys.demo.example.com\n", file("nodes/workers/files/etc/dev-authorized-keys/url"));
    assertEquals("900\n", file("nodes/workers/files/etc/dev-authorized-keys/cache-seconds"));
    assertEquals(
        Files.readString(Path.of("../containers/sftp/dev-authorized-keys")),
        file("nodes/workers/files/opt/bin/dev-authorized-keys"));
    String token = file("nodes/main/dev-keys-token.service");
    assertTrue(token.contains("KEYS_READ_TOKEN=demo/keys-token"), token);
    assertTrue(token.contains("> /etc/dev-authorized-keys/header && chgrp dev-keys"), token);
    assertTrue(file("nodes/main/files/etc/sysusers.d/dev-keys.conf").startsWith("u dev-keys - "));
  }

  @Test
  void theFrontDoorForwardsAuthorizedKeysWithoutASignInAndTheRestBehindIt() {
    String keys = file("config/front-door/keys.conf");
    int open = keys.indexOf("location /authorized-keys/ {");
    int signedIn = keys.indexOf("location / {");
    assertTrue(open > 0 && signedIn > open, keys);
    assertFalse(keys.substring(open, signedIn).contains("auth_request"), keys);
    assertTrue(keys.substring(signedIn).contains("auth_request /_front_door_auth;"), keys);
  }

  @Test
  void theRealmHasTheMachinesReadOnlyClientAndKeycloakItsSecret() throws Exception {
    JsonNode realm = new ObjectMapper().readTree(file("config/keycloak/demo-realm.json"));
    JsonNode client = null;
    for (JsonNode c : realm.get("clients")) {
      if (c.get("clientId").asText().equals("accounts-sync")) {
        client = c;
      }
    }
    assertTrue(
        client != null
            && client.get("serviceAccountsEnabled").asBoolean()
            && !client.get("standardFlowEnabled").asBoolean(),
        realm.toString());
    assertEquals("${ACCOUNTS_SYNC_OIDC_CLIENT_SECRET}", client.get("secret").asText());
    boolean rolesFound = false;
    for (JsonNode user : realm.get("users")) {
      if (user.get("serviceAccountClientId").asText().equals("accounts-sync")) {
        assertEquals(
            "[\"view-users\",\"query-groups\"]",
            user.at("/clientRoles/realm-management").toString());
        rolesFound = true;
      }
    }
    assertTrue(rolesFound, realm.toString());
    assertTrue(
        file("units/keycloak@.service")
            .contains("ACCOUNTS_SYNC_OIDC_CLIENT_SECRET=demo/accounts-sync-oidc-client-secret"));
  }

  @Test
  void everyNodeGroupMayReadTheMachinesOwnSecretsAndNoOthers() throws Exception {
    JsonNode template = new ObjectMapper().readTree(file("template.json"));
    int roles = 0;
    for (JsonNode resource : template.get("Resources")) {
      if (!resource.get("Type").asText().equals("AWS::IAM::Role")) {
        continue;
      }
      roles++;
      String policies = resource.at("/Properties/Policies").toString();
      assertTrue(
          policies.contains("secret:demo/accounts-sync-oidc-client-secret-*")
              && policies.contains("secret:demo/keys-token-*"),
          policies);
    }
    assertEquals(2, roles, "one role per node group (main, workers)");
  }

  @Test
  void withoutAMachineLoginGroupTheMachinesGetNothingOfIt() {
    Compilation plain = Compile.cluster(ClusterSources.valid());
    assertTrue(Compile.generated(plain, "cluster/demo/nodes/main/fleet.service").isPresent());
    assertTrue(Compile.generated(plain, "cluster/demo/nodes/main/accounts-sync.service").isEmpty());
    assertTrue(
        Compile.generated(plain, "cluster/demo/nodes/main/files/opt/bin/dev-authorized-keys")
            .isEmpty());
  }
}
