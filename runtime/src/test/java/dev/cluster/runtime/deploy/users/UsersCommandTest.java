package dev.cluster.runtime.deploy.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.testing.KeycloakServer;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code users add|remove|list|groups} against a real Keycloak with a realm of two groups, as the
 * processor generates them; every bad input gets its own clear message and exit code 2 (usage) or 1
 * (refused).
 */
class UsersCommandTest {
  private static final String REALM = "team";
  private static final String REALM_JSON =
      """
      {"realm": "team", "enabled": true,
       "groups": [{"name": "developers", "path": "/developers"}, {"name": "admins", "path": "/admins"}],
       "users": [{"username": "veteran", "email": "veteran@example.com", "firstName": "Old", "enabled": true},
                 %s, %s]}
      """
          .formatted(
              signedInUser("mover", "developers", "admins"), signedInUser("leaver", "developers"));
  private static final String PASSWORD = "correct horse battery staple";
  private static KeycloakServer keycloak;

  @BeforeAll
  static void start() throws Exception {
    keycloak = KeycloakServer.start(REALM, REALM_JSON, Map.of());
  }

  @AfterAll
  static void stop() {
    if (keycloak != null) {
      keycloak.close();
    }
  }

  private static CliRun users(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--keycloak-url", keycloak.url().toString()));
    return CliRun.withInput(
        TestClusters.team(), KeycloakServer.ADMIN_PASSWORD + "\n", all.toArray(String[]::new));
  }

  @Test
  void addListGroupsAndRemoveAnAccount() {
    CliRun added =
        users("users", "add", "carol", "--email", "carol@example.com", "--group", "developers");
    assertEquals(0, added.exitCode(), added.toString());
    java.util.regex.Matcher uid =
        java.util.regex.Pattern.compile(
                "Added carol \\(uid (2[0-9]{4})\\) to developers\\." + " Temporary password")
            .matcher(added.out());
    assertTrue(uid.find(), added.toString());

    CliRun listed = users("users", "list");
    assertEquals(0, listed.exitCode(), listed.toString());
    assertTrue(
        listed
            .out()
            .lines()
            .anyMatch(
                l ->
                    l.contains("carol")
                        && l.contains("carol@example.com")
                        && l.contains(" " + uid.group(1) + " ")
                        && l.contains("developers")),
        listed.toString());
    CliRun next = users("users", "add", "carols-colleague", "--email", "cc@example.com");
    assertTrue(next.out().contains("(uid "), next.toString());
    assertTrue(
        Integer.parseInt(next.out().replaceAll("(?s).*\\(uid ([0-9]+)\\).*", "$1"))
            > Integer.parseInt(uid.group(1)),
        "each account gets the next free uidNumber: " + next);

    CliRun moved =
        users("users", "groups", "carol", "--group", "admins", "--remove-group", "developers");
    assertEquals(0, moved.exitCode(), moved.toString());
    assertTrue(moved.out().startsWith("carol: admins\n"), moved.toString());
    assertEquals(
        "carol: admins\n",
        users("users", "groups", "carol").out(),
        "showing the groups changes nothing");

    CliRun removed = users("users", "remove", "carol");
    assertEquals(0, removed.exitCode(), removed.toString());
    assertTrue(users("users", "list").out().lines().noneMatch(l -> l.strip().startsWith("carol ")));
  }

  @Test
  void anAccountFromBeforeUidsGetsTheNextFreeOneOnceAndKeepsTheRest() {
    CliRun assigned = users("users", "uid", "veteran");
    assertEquals(0, assigned.exitCode(), assigned.toString());
    java.util.regex.Matcher uid =
        java.util.regex.Pattern.compile("veteran now has uid (2[0-9]{4})\n")
            .matcher(assigned.out());
    assertTrue(uid.matches(), assigned.toString());
    assertEquals("veteran has uid " + uid.group(1) + "\n", users("users", "uid", "veteran").out());
    assertTrue(
        users("users", "list")
            .out()
            .lines()
            .anyMatch(
                l ->
                    l.strip().startsWith("veteran ")
                        && l.contains("veteran@example.com")
                        && l.contains(" " + uid.group(1))),
        "the rest of the account is kept");
  }

  @Test
  void aUidNumberIsTakenOnceEvenByAnAdminWhoListedTheAccountsBeforeItWasGiven() {
    KeycloakAdmin.User first =
        UidAssignment.create(admin(), "race-first", "race-first@example.com", "Temporary-1");
    int taken = first.uidNumber().orElseThrow();
    assertFalse(admin().claimUidNumber(taken), "another admin's session cannot take it again");
    KeycloakAdmin.User second =
        UidAssignment.create(admin(), "race-second", "race-second@example.com", "Temporary-2");
    assertTrue(
        second.uidNumber().orElseThrow() > taken,
        "the next account gets a later number: " + second);
  }

  @Test
  void adminsAddingAccountsInParallelGiveEachItsOwnUid() throws Exception {
    ExecutorService admins = Executors.newFixedThreadPool(4);
    try {
      List<Future<KeycloakAdmin.User>> added = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String name = "parallel-" + i;
        added.add(
            admins.submit(
                () ->
                    UidAssignment.create(
                        admin(), name, name + "@example.com", "Temporary-" + name)));
      }
      Set<Integer> uids = new TreeSet<>();
      for (Future<KeycloakAdmin.User> user : added) {
        uids.add(user.get(60, TimeUnit.SECONDS).uidNumber().orElseThrow());
      }
      assertEquals(8, uids.size(), "uids given: " + uids);
      Map<OptionalInt, Long> holders =
          admin().users().stream()
              .filter(u -> u.username().startsWith("parallel-"))
              .collect(Collectors.groupingBy(KeycloakAdmin.User::uidNumber, Collectors.counting()));
      assertEquals(8, holders.size(), "one account per uidNumber in Keycloak: " + holders);
    } finally {
      admins.shutdownNow();
    }
  }

  /**
   * An account with a password and a full profile, so that it can sign in (and so have sessions).
   */
  private static String signedInUser(String name, String... groups) {
    return """
        {"username": "%s", "email": "%s@example.com", "emailVerified": true, "firstName": "%s", "lastName": "Tester",
         "enabled": true, "credentials": [{"type": "password", "value": "%s", "temporary": false}],
         "groups": [%s]}"""
        .formatted(
            name,
            name,
            name,
            PASSWORD,
            java.util.Arrays.stream(groups)
                .map(g -> "\"/" + g + "\"")
                .collect(Collectors.joining(", ")));
  }

  /**
   * Signs {@code user} in at the realm (admin-cli's password grant): one more session at Keycloak.
   */
  private static int signIn(String user) throws Exception {
    String form =
        "grant_type=password&client_id=admin-cli&username="
            + user
            + "&password="
            + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8);
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(keycloak.issuer(REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  private static int sessions(String user) {
    KeycloakAdmin admin = admin();
    return admin.sessionCount(admin.user(user).orElseThrow());
  }

  /**
   * Taking access away signs the user out at Keycloak, whose backchannel logout ends the gateway's
   * sessions at once (tested in the auth gateway's SignInThroughTheFrontDoorTest); joining a group
   * does not.
   */
  @Test
  void leavingAGroupOrBeingDisabledSignsTheUserOutEverywhere() throws Exception {
    assertEquals(200, signIn("mover"));
    assertEquals(200, signIn("leaver"));
    assertEquals(1, sessions("mover"));

    CliRun joined = users("users", "groups", "mover", "--group", "developers");
    assertEquals(0, joined.exitCode(), joined.toString());
    assertEquals(1, sessions("mover"), "joining takes nothing away: " + joined);

    CliRun left = users("users", "groups", "mover", "--remove-group", "admins");
    assertEquals(0, left.exitCode(), left.toString());
    assertEquals(
        "mover: developers\nSigned mover out everywhere: the groups left no longer open anything.\n",
        left.out());
    assertEquals(0, sessions("mover"));

    CliRun disabled = users("users", "disable", "leaver");
    assertEquals(0, disabled.exitCode(), disabled.toString());
    assertTrue(
        disabled.out().startsWith("Disabled leaver; their sessions ended"), disabled.toString());
    assertEquals(0, sessions("leaver"));
    assertFalse(admin().user("leaver").orElseThrow().enabled());
    assertEquals(400, signIn("leaver"), "a disabled account cannot sign in");
    assertEquals(
        1,
        users("users", "list").out().lines().filter(l -> l.strip().startsWith("leaver ")).count(),
        "disabled, not removed");

    CliRun enabled = users("users", "enable", "leaver");
    assertEquals(0, enabled.exitCode(), enabled.toString());
    assertEquals(200, signIn("leaver"));
  }

  private static KeycloakAdmin admin() {
    return KeycloakAdmin.signIn(
        keycloak.url(), REALM, KeycloakServer.ADMIN, KeycloakServer.ADMIN_PASSWORD);
  }

  @Test
  void everyBadInputIsRefusedWithAClearMessage() {
    assertRefused(
        2,
        "'Dave Smith' is not a user name",
        "users",
        "add",
        "Dave Smith",
        "--email",
        "d@example.com");
    assertRefused(2, "users add needs --email ADDRESS", "users", "add", "dave");
    assertRefused(
        2,
        "'dave-at-example' is not an email address",
        "users",
        "add",
        "dave",
        "--email",
        "dave-at-example");
    assertRefused(
        2,
        "there is no group develoeprs (groups: ",
        "users",
        "add",
        "dave",
        "--email",
        "d@example.com",
        "--group",
        "develoeprs");
    assertRefused(2, "there is no user nobody-here", "users", "remove", "nobody-here");
    assertRefused(2, "there is no user nobody-here", "users", "groups", "nobody-here");
    assertRefused(2, "there is no user nobody-here", "users", "uid", "nobody-here");
    assertRefused(2, "there is no user nobody-here", "users", "disable", "nobody-here");
    assertRefused(2, "users enable takes one user name, got 0", "users", "enable");
    assertRefused(
        2,
        "users add takes one user name, got 2",
        "users",
        "add",
        "a",
        "b",
        "--email",
        "d@example.com");
    assertEquals(0, users("users", "add", "erin", "--email", "erin@example.com").exitCode());
    assertRefused(
        2, "user erin exists already", "users", "add", "erin", "--email", "erin@example.com");
    assertRefused(1, "has no realm nope", "users", "list", "--realm", "nope");
    CliRun wrongPassword =
        CliRun.withInput(
            TestClusters.team(),
            "wrong\n",
            "users",
            "list",
            "--keycloak-url",
            keycloak.url().toString());
    assertEquals(1, wrongPassword.exitCode(), wrongPassword.toString());
    assertTrue(
        wrongPassword.err().contains("refused admin admin: wrong user or password"),
        wrongPassword.toString());
    CliRun noUrl = CliRun.run(TestClusters.team(), "users", "list");
    assertTrue(
        noUrl.exitCode() == 2 && noUrl.err().contains("need --keycloak-url URL"), noUrl.toString());
    CliRun unreachable =
        CliRun.withInput(
            TestClusters.team(), "x\n", "users", "list", "--keycloak-url", "http://127.0.0.1:1");
    assertTrue(
        unreachable.exitCode() == 1
            && unreachable.err().contains("cannot reach Keycloak at http://127.0.0.1:1"),
        unreachable.toString());
  }

  private static void assertRefused(int exit, String message, String... args) {
    CliRun run = users(args);
    assertEquals(exit, run.exitCode(), run.toString());
    assertTrue(run.err().contains(message), run.toString());
  }
}
