package dev.cluster.runtime.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.testing.KeycloakServer;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * accounts-sync against a real Keycloak (its own read-only client, people added with {@code users
 * add}) on real Debian user databases in throwaway roots, with the real sshd of each root asking a
 * key service endpoint through the project's {@code dev-authorized-keys}. Runs as root (mount,
 * chroot, useradd --root).
 */
class AccountsSyncTest {
  private static final String SECRET = "accounts-sync-secret-for-tests";
  private static final String REALM_JSON =
      """
            {"realm": "team", "enabled": true,
             "groups": [{"name": "developers", "path": "/developers"}, {"name": "admins", "path": "/admins"}],
             "clients": [{"clientId": "accounts-sync", "enabled": true, "protocol": "openid-connect",
                          "publicClient": false, "clientAuthenticatorType": "client-secret",
                          "secret": "${ACCOUNTS_SYNC_OIDC_CLIENT_SECRET}", "standardFlowEnabled": false,
                          "directAccessGrantsEnabled": false, "serviceAccountsEnabled": true}],
             "users": [{"username": "service-account-accounts-sync", "enabled": true,
                        "serviceAccountClientId": "accounts-sync",
                        "clientRoles": {"realm-management": ["view-users", "query-groups"]}}]}
            """;

  /** Long enough for a second run (a JVM start on a busy machine) to fall inside it. */
  private static final int GRACE_SECONDS = 15;

  private static final String GRACE = GRACE_SECONDS + "s";

  /**
   * How long cached keys stand in for the key service: long enough that a login right after the
   * cache was written (sshd, the key command and a JVM-free but starved machine) still falls inside
   * it; the test then waits for the cache file's own age, not for a stopwatch, to see it expire.
   */
  private static final int CACHE_SECONDS = 15;

  private static final Pattern ADDED_UID = Pattern.compile("\\(uid ([0-9]+)\\)");

  private static KeycloakServer keycloak;
  private static KeyServiceEndpoint keyService;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    Binaries.require("sshd", "openssh-server");
    Binaries.require("ssh", "openssh-client");
    keycloak =
        KeycloakServer.start(
            "team", REALM_JSON, Map.of("ACCOUNTS_SYNC_OIDC_CLIENT_SECRET", SECRET));
    keyService = KeyServiceEndpoint.start();
  }

  @AfterAll
  static void stop() {
    if (keyService != null) {
      keyService.close();
    }
    if (keycloak != null) {
      keycloak.close();
    }
  }

  @Test
  void aMemberGetsTheSameAccountOnTwoSystemsAndLogsInWithTheirKey() throws Exception {
    int alice = addUser("alice", "developers", "admins");
    int dave = addUser("dave", "developers");
    Path aliceKey = keyPair("alice");
    try (SyncedSystem first = SyncedSystem.create("first", keyService.url(), 900);
        SyncedSystem second = SyncedSystem.create("second", keyService.url(), 900)) {
      second.exec("useradd", "--create-home", "someone-else");
      for (SyncedSystem system : List.of(first, second)) {
        Sync sync = sync(system);
        assertEquals(0, sync.exitCode(), sync.output());
        assertTrue(
            sync.output()
                .contains(
                    "accounts-sync: create account alice uid "
                        + alice
                        + " shell /bin/bash groups sudo"),
            sync.output());
        assertEquals(
            "alice:x:" + alice + ":" + alice + ":accounts-sync:/home/alice:/bin/bash",
            system.entry("/etc/passwd", "alice").orElseThrow());
        assertEquals(
            "dave:x:" + dave + ":" + dave + ":accounts-sync:/home/dave:/bin/bash",
            system.entry("/etc/passwd", "dave").orElseThrow());
        assertEquals("alice\n", system.exec("id", "-un", Integer.toString(alice)));
        assertTrue(system.exec("id", "-Gn", "alice").contains("sudo"));
        assertFalse(system.exec("id", "-Gn", "dave").contains("sudo"));
        assertEquals(alice + ":" + alice + "\n", system.exec("stat", "-c", "%u:%g", "/home/alice"));
        Sync again = sync(system);
        assertTrue(again.output().contains(", 0 changes made"), again.output());
      }
      first.startSshd(dir.resolve("sshd-first.log"));
      keyService.put("alice", publicKey(aliceKey));
      assertTrue(
          first.ssh("alice", aliceKey).loggedInAs("alice"), first.ssh("alice", aliceKey).output());
      assertFalse(first.ssh("dave", aliceKey).loggedInAs("dave"), "dave has no key");
    }
  }

  @Test
  void aLeaverIsLockedAtOnceAndRemovedAfterTheGracePeriodAndOtherAccountsAreNeverTouched()
      throws Exception {
    addUser("frank", "developers");
    Path frankKey = keyPair("frank");
    keyService.put("frank", publicKey(frankKey));
    try (SyncedSystem system = SyncedSystem.create("leaver", keyService.url(), 900)) {
      String untouched = untouched(system);
      assertEquals(0, sync(system, "--grace-period", GRACE).exitCode());
      system.startSshd(dir.resolve("sshd-leaver.log"));
      assertTrue(system.ssh("frank", frankKey).loggedInAs("frank"));
      Process session = system.openSession("frank", frankKey, dir.resolve("frank-session.log"));
      Process carolsProgram = system.runAs("carol", dir.resolve("carol.log"));

      users("users", "groups", "frank", "--remove-group", "developers");
      Sync left = sync(system, "--grace-period", GRACE);
      Instant lockedAt = Instant.now();
      assertEquals(0, left.exitCode(), left.output());
      assertTrue(
          left.output()
              .contains("accounts-sync: lock account frank (no longer in admins, developers)"),
          left.output());
      assertTrue(
          left.output()
              .matches("(?s).*accounts-sync: {3}ended [0-9]+ running processes of frank\n.*"),
          left.output());
      assertTrue(
          session.waitFor(10, TimeUnit.SECONDS), "frank's open ssh session outlived the lock");
      assertTrue(carolsProgram.isAlive(), "a hand-made account's processes are not touched");
      assertTrue(system.entry("/etc/shadow", "frank").orElseThrow().startsWith("frank:!"));
      // the key service still hands out frank's key here: the lock alone keeps him out
      assertFalse(system.ssh("frank", frankKey).loggedInAs("frank"));

      Sync withinGrace = sync(system, "--grace-period", GRACE);
      assertTrue(withinGrace.output().contains(", 0 changes made"), withinGrace.output());
      assertTrue(system.entry("/etc/passwd", "frank").isPresent());

      Thread.sleep(
          Math.max(
              0,
              Duration.between(Instant.now(), lockedAt.plusSeconds(GRACE_SECONDS + 1)).toMillis()));
      Sync removed = sync(system, "--grace-period", GRACE);
      assertTrue(
          removed.output().contains("accounts-sync: remove account frank and its home"),
          removed.output());
      assertTrue(system.entry("/etc/passwd", "frank").isEmpty());
      assertFalse(Files.exists(system.root().resolve("home/frank")));
      assertEquals(untouched, untouched(system), "system and hand-made accounts are as they were");
    }
  }

  @Test
  void theDirectoryUnreachableChangesNothingAndCachedKeysExpireAsConfigured() throws Exception {
    addUser("gina", "developers");
    Path ginaKey = keyPair("gina");
    keyService.put("gina", publicKey(ginaKey));
    try (SyncedSystem system = SyncedSystem.create("offline", keyService.url(), CACHE_SECONDS)) {
      assertEquals(0, sync(system).exitCode());
      users("users", "groups", "gina", "--remove-group", "developers");
      String before =
          system.file("/etc/passwd") + system.file("/etc/shadow") + system.file("/etc/group");

      Sync unreachable = sync(system, "--keycloak-url", "http://127.0.0.1:" + FreePorts.next());
      assertEquals(1, unreachable.exitCode(), unreachable.output());
      assertTrue(
          unreachable.output().contains("cannot read the directory, nothing changed"),
          unreachable.output());
      Files.writeString(
          dir.resolve("wrong-secret.env"), AccountsSyncAgent.SECRET_VARIABLE + "=wrong\n");
      Files.setPosixFilePermissions(
          dir.resolve("wrong-secret.env"), PosixFilePermissions.fromString("rw-------"));
      Sync refused =
          sync(system, "--client-secret-file", dir.resolve("wrong-secret.env").toString());
      assertEquals(1, refused.exitCode(), refused.output());
      assertTrue(refused.output().contains("refused client accounts-sync"), refused.output());
      assertEquals(
          before,
          system.file("/etc/passwd") + system.file("/etc/shadow") + system.file("/etc/group"),
          "nothing locked or removed while the directory cannot be read");

      system.startSshd(dir.resolve("sshd-offline.log"));
      assertTrue(system.ssh("gina", ginaKey).loggedInAs("gina"));
      system.pointKeyCommandAt("http://127.0.0.1:" + FreePorts.next());
      assertTrue(
          system.ssh("gina", ginaKey).loggedInAs("gina"),
          "the cached keys stand in for the key service");
      // the key command compares whole seconds of the cache file's age with cache-seconds
      Instant cachedAt =
          Files.getLastModifiedTime(system.root().resolve("var/cache/dev-authorized-keys/gina"))
              .toInstant();
      Thread.sleep(
          Math.max(
              0,
              Duration.between(Instant.now(), cachedAt.plusSeconds(CACHE_SECONDS + 1)).toMillis()));
      assertFalse(
          system.ssh("gina", ginaKey).loggedInAs("gina"), "cached keys expire after cache-seconds");

      system.pointKeyCommandAt(keyService.url());
      assertTrue(system.ssh("gina", ginaKey).loggedInAs("gina"));
      keyService.remove("gina");
      assertFalse(
          system.ssh("gina", ginaKey).loggedInAs("gina"), "a removed key fails the next login");
    }
  }

  @Test
  void aHandMadeAccountOfAMembersNameIsLeftAloneAndADryRunChangesNothing() throws Exception {
    addUser("carol", "developers");
    addUser("henry", "developers");
    try (SyncedSystem system = SyncedSystem.create("dry", keyService.url(), 900)) {
      String before =
          system.file("/etc/passwd") + system.file("/etc/shadow") + system.file("/etc/group");
      Sync dry = sync(system, "--dry-run");
      assertEquals(0, dry.exitCode(), dry.output());
      assertTrue(
          dry.output().contains("accounts-sync: would create account henry uid "), dry.output());
      assertTrue(
          dry.output()
              .contains(
                  "accounts-sync: skip carol: a local account carol exists that accounts-sync"
                      + " did not create; it is left alone"),
          dry.output());
      assertEquals(
          before,
          system.file("/etc/passwd") + system.file("/etc/shadow") + system.file("/etc/group"));
      assertFalse(Files.exists(system.root().resolve(StateFile.DEFAULT_PATH)));

      String carol = system.entry("/etc/passwd", "carol").orElseThrow();
      assertEquals(0, sync(system).exitCode());
      assertEquals(carol, system.entry("/etc/passwd", "carol").orElseThrow());
      assertTrue(system.entry("/etc/passwd", "henry").isPresent());

      Sync badSecretFile = sync(system, "--client-secret-file", "/nonexistent/secret.env");
      assertEquals(1, badSecretFile.exitCode(), badSecretFile.output());
      assertTrue(
          badSecretFile.output().contains("no client secret file /nonexistent/secret.env"),
          badSecretFile.output());
      Path open = dir.resolve("readable-secret.env");
      Files.writeString(open, AccountsSyncAgent.SECRET_VARIABLE + "=" + SECRET + "\n");
      Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
      Sync readable = sync(system, "--client-secret-file", open.toString());
      assertEquals(1, readable.exitCode(), readable.output());
      assertTrue(
          readable.output().contains("is readable or writable by others than its owner"),
          readable.output());
      Sync badOption = sync(system, "--grace-period", "soon");
      assertEquals(2, badOption.exitCode());
      assertTrue(
          badOption.output().contains("--grace-period soon is not a duration"), badOption.output());
    }
  }

  /** root's, the system account's and the hand-made account's lines of every account file. */
  private static String untouched(SyncedSystem system) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String file : List.of("/etc/passwd", "/etc/shadow", "/etc/group")) {
      for (String name : List.of("root", "dev-keys", "carol")) {
        lines.append(system.entry(file, name).orElseThrow()).append('\n');
      }
    }
    return lines.toString();
  }

  private record Sync(int exitCode, String output) {}

  private Sync sync(SyncedSystem system, String... extra) throws Exception {
    Path secret = dir.resolve("client-secret.env");
    if (!Files.exists(secret)) {
      Files.writeString(secret, AccountsSyncAgent.SECRET_VARIABLE + "=" + SECRET + "\n");
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }
    List<String> args =
        new ArrayList<>(
            List.of(
                "accounts-sync",
                "--keycloak-url",
                keycloak.url().toString(),
                "--realm",
                "team",
                "--client-id",
                "accounts-sync",
                "--client-secret-file",
                secret.toString(),
                "--group",
                "developers",
                "--group",
                "admins",
                "--local-group",
                "admins=sudo",
                "--root",
                system.root().toString()));
    args.addAll(List.of(extra));
    Path log = Files.createTempFile(dir, "sync", ".log");
    try (Processes processes = new Processes()) {
      Process process = processes.startAgent(args, log);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "accounts-sync did not finish");
      return new Sync(process.exitValue(), Files.readString(log));
    }
  }

  private static int addUser(String name, String... groups) {
    List<String> args =
        new ArrayList<>(List.of("users", "add", name, "--email", name + "@example.com"));
    for (String group : groups) {
      args.addAll(List.of("--group", group));
    }
    CliRun added = users(args.toArray(String[]::new));
    Matcher uid = ADDED_UID.matcher(added.out());
    assertTrue(added.exitCode() == 0 && uid.find(), added.toString());
    return Integer.parseInt(uid.group(1));
  }

  private static CliRun users(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--keycloak-url", keycloak.url().toString()));
    CliRun run =
        CliRun.withInput(
            TestClusters.team(), KeycloakServer.ADMIN_PASSWORD + "\n", all.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.toString());
    return run;
  }

  private Path keyPair(String name) throws Exception {
    Path key = dir.resolve(name + "_ed25519");
    Process keygen =
        new ProcessBuilder(
                "ssh-keygen", "-q", "-N", "", "-t", "ed25519", "-C", name, "-f", key.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, keygen.waitFor());
    return key;
  }

  private static String publicKey(Path privateKey) throws Exception {
    return Files.readString(Path.of(privateKey + ".pub"));
  }
}
