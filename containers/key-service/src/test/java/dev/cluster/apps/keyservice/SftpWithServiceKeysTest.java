package dev.cluster.apps.keyservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.apps.common.testing.KeycloakServer;
import dev.cluster.apps.common.testing.RequiredBinary;
import dev.cluster.apps.common.testing.TestFrontDoor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys added on the page (as the front door forwards a signed-in user) let sftp in through a real
 * sshd that asks the key service with the installed {@code dev-authorized-keys}; removed, they are
 * refused at the next login; only members of the SFTP group get an account ({@code sftp-accounts},
 * which the SFTP image runs every 15 s) and in; each user is locked into their own folder.
 */
class SftpWithServiceKeysTest {
  private static final String GROUP = "sftp";
  private static final String ALICE = "kstest-alice";
  private static final String BOB = "kstest-bob";
  private static final String CAROL = "kstest-carol";
  private static final String TOKEN = "test-token-" + "x".repeat(40);
  private static final Path DIR = Path.of("target/sftp-test").toAbsolutePath();

  /**
   * sshd refuses an AuthorizedKeysCommand or a ChrootDirectory with any writable-by-others
   * directory on its path (a checkout under /tmp has one), so both live under /run, which only root
   * may write.
   */
  private static final Path SSHD_OWNED =
      Path.of("/run/dev-cluster-tests/sftp-" + ProcessHandle.current().pid());

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> EXISTING_USERS = new ArrayList<>();
  private static Path conf;
  private static Path jail;

  private static final String CLIENT_SECRET = "client-secret-" + java.util.UUID.randomUUID();
  private static Javalin keyService;
  private static SshServer sshd;
  private static KeycloakServer keycloak;

  @BeforeAll
  static void start() throws Exception {
    RequiredBinary.find("sftp", "openssh-client");
    RequiredBinary.find("curl", "curl");
    Files.createDirectories(DIR);
    keycloak =
        KeycloakServer.start(
            AccountsRealm.REALM,
            withUsers(AccountsRealm.json()),
            Map.of("KEY_SERVICE_OIDC_CLIENT_SECRET", CLIENT_SECRET));
    Accounts accounts =
        new KeycloakAccounts(
            keycloak.issuer(AccountsRealm.REALM),
            AccountsRealm.CLIENT,
            CLIENT_SECRET,
            Clock.systemUTC());
    keyService =
        new KeyServiceApp(
                new KeyStore(Files.createTempDirectory("keys")),
                accounts,
                TOKEN,
                TestFrontDoor.trust())
            .create()
            .start("127.0.0.1", 0);
    conf = Files.createDirectories(DIR.resolve("conf"));
    Files.writeString(conf.resolve("url"), "http://127.0.0.1:" + keyService.port() + "\n");
    Files.writeString(conf.resolve("header"), "Authorization: Bearer " + TOKEN + "\n");
    Files.writeString(conf.resolve("group"), GROUP + "\n");
    // A fresh jail: folders left by an earlier run would hide what sftp-accounts creates.
    SshKeys.run(List.of("rm", "-rf", SSHD_OWNED.toString()));
    jail = Files.createDirectories(SSHD_OWNED.resolve("jail"));
    Path command = SSHD_OWNED.resolve("dev-authorized-keys");
    Files.copy(Path.of(System.getProperty("authorized.keys.script")), command);
    Files.setPosixFilePermissions(
        command, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String user : List.of(ALICE, BOB, CAROL)) {
      if (new ProcessBuilder("id", user).start().waitFor() == 0) {
        EXISTING_USERS.add(user);
      }
    }
    sshd = SshServer.start(DIR, command, conf, jail);
  }

  /**
   * The realm as generated, plus accounts: alice in sftp and developers, bob in developers, carol
   * in sftp.
   */
  private static String withUsers(String realm) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = (ObjectNode) json.readTree(realm);
    ArrayNode users = (ArrayNode) node.get("users");
    for (String[] user :
        new String[][] {
          {ALICE, "/" + GROUP, "/developers"}, {BOB, "/developers"}, {CAROL, "/" + GROUP}
        }) {
      ObjectNode account = users.addObject();
      account.put("username", user[0]);
      account.put("enabled", true);
      account.put("email", user[0] + "@dev.test");
      for (int i = 1; i < user.length; i++) {
        account.withArray("groups").add(user[i]);
      }
    }
    return json.writeValueAsString(node);
  }

  /**
   * Takes a user out of the SFTP group in Keycloak, as {@code users groups --remove-group} does.
   */
  private static void removeFromSftpGroup(String user) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + KeycloakServer.ADMIN
            + "&password="
            + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    String token =
        json.readTree(
                http.send(
                        HttpRequest.newBuilder(
                                keycloak
                                    .url()
                                    .resolve("/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .get("access_token")
            .asText();
    String admin = keycloak.url() + "/admin/realms/" + AccountsRealm.REALM;
    String id =
        json.readTree(
                http.send(
                        HttpRequest.newBuilder(
                                URI.create(admin + "/users?exact=true&username=" + user))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body())
            .get(0)
            .get("id")
            .asText();
    String group = "";
    for (var g :
        json.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create(admin + "/groups"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body())) {
      if (g.get("name").asText().equals(GROUP)) {
        group = g.get("id").asText();
      }
    }
    HttpResponse<String> left =
        http.send(
            HttpRequest.newBuilder(URI.create(admin + "/users/" + id + "/groups/" + group))
                .header("Authorization", "Bearer " + token)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(204, left.statusCode(), left.body());
  }

  @AfterAll
  static void stop() throws Exception {
    if (keycloak != null) {
      keycloak.close();
    }
    if (sshd != null) {
      sshd.close();
    }
    if (keyService != null) {
      keyService.stop();
    }
    SshKeys.run(List.of("rm", "-rf", SSHD_OWNED.toString()));
    // The accounts sftp-accounts created (the test runs as root) go again.
    for (String user : List.of(ALICE, BOB, CAROL)) {
      if (!EXISTING_USERS.contains(user) && new ProcessBuilder("id", user).start().waitFor() == 0) {
        SshKeys.run(List.of("userdel", user));
      }
    }
  }

  /**
   * What the SFTP image does every 15 s: accounts and folders for the group's members with keys.
   */
  private static void syncAccounts() throws Exception {
    RequiredBinary.find("useradd", "passwd");
    SshKeys.run(
        List.of(System.getProperty("sftp.accounts.script"), conf.toString(), jail.toString()));
  }

  private static HttpResponse<String> post(
      String user, String groups, String path, String field, String value) throws Exception {
    return HTTP.send(
        TestFrontDoor.signedIn(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keyService.port() + path)),
                user,
                groups)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs sftp with a batch of commands; its exit code and output. */
  private static SftpRun sftp(String user, Path key, String... commands) throws Exception {
    Path batch = Files.createTempFile(DIR, "batch", ".txt");
    Files.writeString(batch, String.join("\n", commands) + "\n");
    Process process =
        new ProcessBuilder(
                RequiredBinary.find("sftp", "openssh-client").toString(),
                "-b",
                batch.toString(),
                "-P",
                String.valueOf(sshd.port()),
                "-i",
                key.toString(),
                "-o",
                "BatchMode=yes",
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "ConnectTimeout=5",
                "-o",
                "LogLevel=ERROR",
                user + "@127.0.0.1")
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    return new SftpRun(process.waitFor(), out);
  }

  record SftpRun(int exit, String output) {}

  private static Path key(String name) throws Exception {
    Path dir = Files.createDirectories(DIR.resolve("client"));
    Files.deleteIfExists(dir.resolve(name));
    Files.deleteIfExists(dir.resolve(name + ".pub"));
    return SshKeys.generate(dir, name, "-t", "ed25519");
  }

  @Test
  void aKeyAddedOnThePageLogsInAndStopsWorkingOnceRemoved() throws Exception {
    Path key = key("alice-laptop");
    HttpResponse<String> added =
        post(ALICE, "developers," + GROUP, "/keys", "key", SshKeys.publicLine(key));
    assertEquals(201, added.statusCode(), added.body());
    assertTrue(
        added.body().contains(SshKeys.fingerprint(key)), "the page shows the SHA256 fingerprint");
    syncAccounts();

    Path local = Files.writeString(DIR.resolve("hello.txt"), "hello from alice");
    SftpRun in = sftp(ALICE, key, "put " + local + " upload/hello.txt", "ls -1 /");
    assertEquals(0, in.exit(), in.output() + "\n" + sshd.log());
    assertEquals("hello from alice", Files.readString(jail.resolve(ALICE + "/upload/hello.txt")));

    HttpResponse<String> removed =
        post(ALICE, "developers," + GROUP, "/keys/remove", "fingerprint", SshKeys.fingerprint(key));
    assertEquals(200, removed.statusCode(), removed.body());
    SftpRun refused = sftp(ALICE, key, "ls");
    assertFalse(refused.exit() == 0, refused.output());
    assertTrue(refused.output().contains("Permission denied"), refused.output());
  }

  @Test
  void anSftpUserCannotLeaveTheirFolder() throws Exception {
    Path key = key("alice-desktop");
    assertEquals(201, post(ALICE, GROUP, "/keys", "key", SshKeys.publicLine(key)).statusCode());
    syncAccounts();
    Files.writeString(
        jail.resolve(ALICE + "/secret-of-the-jail-owner.txt"), "not alice's to read elsewhere");
    SftpRun root = sftp(ALICE, key, "cd /..", "ls -1a /", "pwd");
    assertEquals(0, root.exit(), root.output());
    assertTrue(
        root.output().contains("secret-of-the-jail-owner.txt") && root.output().contains("upload"),
        root.output());
    assertFalse(root.output().contains("etc") || root.output().contains(BOB), root.output());
    assertTrue(sftp(ALICE, key, "get /etc/passwd " + DIR.resolve("stolen")).exit() != 0);
    assertTrue(sftp(ALICE, key, "get ../" + BOB + "/upload " + DIR.resolve("stolen")).exit() != 0);
    assertFalse(Files.exists(DIR.resolve("stolen")));
  }

  @Test
  void aUserOutsideTheSftpGroupIsRefusedEvenWithAKey() throws Exception {
    Path key = key("bob-laptop");
    assertEquals(
        201, post(BOB, "developers", "/keys", "key", SshKeys.publicLine(key)).statusCode());
    syncAccounts();
    assertFalse(Files.exists(jail.resolve(BOB)), "no folder, and no account, outside the group");
    SftpRun refused = sftp(BOB, key, "ls");
    assertTrue(
        refused.exit() != 0 && refused.output().contains("Permission denied"), refused.output());
  }

  @Test
  void leavingTheSftpGroupInKeycloakEndsSftpAtTheNextLogin() throws Exception {
    Path key = key("carol-laptop");
    assertEquals(201, post(CAROL, GROUP, "/keys", "key", SshKeys.publicLine(key)).statusCode());
    syncAccounts();
    assertEquals(0, sftp(CAROL, key, "ls").exit());
    removeFromSftpGroup(CAROL);
    SftpRun refused = sftp(CAROL, key, "ls");
    assertTrue(
        refused.exit() != 0 && refused.output().contains("Permission denied"), refused.output());
  }

  @Test
  void malformedWeakAndDuplicateKeysAreRefusedWithAClearMessage() throws Exception {
    HttpResponse<String> garbage =
        post(ALICE, GROUP, "/keys", "key", "ssh-ed25519 this-is-not-a-key");
    assertEquals(400, garbage.statusCode());
    assertTrue(garbage.body().contains("Key refused:"), garbage.body());

    Path weak =
        SshKeys.generate(Files.createTempDirectory(DIR, "weak"), "weak", "-t", "rsa", "-b", "2048");
    HttpResponse<String> weakAnswer = post(ALICE, GROUP, "/keys", "key", SshKeys.publicLine(weak));
    assertEquals(400, weakAnswer.statusCode());
    assertTrue(
        weakAnswer.body().contains("this RSA key has 2048 bits; RSA keys need at least 3072"),
        weakAnswer.body());

    Path key = key("alice-tablet");
    assertEquals(201, post(ALICE, GROUP, "/keys", "key", SshKeys.publicLine(key)).statusCode());
    HttpResponse<String> again = post(ALICE, GROUP, "/keys", "key", SshKeys.publicLine(key));
    assertEquals(400, again.statusCode());
    assertTrue(again.body().contains("you have added this key already"), again.body());
    HttpResponse<String> someoneElse = post(BOB, GROUP, "/keys", "key", SshKeys.publicLine(key));
    assertTrue(
        someoneElse.body().contains("this key belongs to another account"), someoneElse.body());
  }

  @Test
  void theAuthorizedKeysEndpointAnswersOnlyTheClustersToken() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + keyService.port() + "/authorized-keys/" + ALICE);
    assertEquals(
        401,
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        401,
        HTTP.send(
                HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong").build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    URI accounts = URI.create("http://127.0.0.1:" + keyService.port() + "/accounts?group=" + GROUP);
    assertEquals(
        401,
        HTTP.send(HttpRequest.newBuilder(accounts).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        400,
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + keyService.port() + "/authorized-keys/..%2Fetc"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }
}
