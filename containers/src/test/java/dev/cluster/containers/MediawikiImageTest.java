package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.apps.common.FrontDoorIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MediaWiki runs with team-cluster's generated LocalSettings.php on a real Postgres: the file
 * passes {@code php -l}; on its first start the image creates the wiki's tables in the database
 * that file names (install.sh reads the file through MediaWiki), and the wiki, configured only by
 * that file and the variables its unit sets (the database's password and address, the front door's
 * guard's), serves its main page through nginx and php-fpm to a request the front door signed,
 * through the guard that refuses any other, and signs in the user the front door proved (the
 * image's FrontDoorSessionProvider), creating their account on first sight; a user named without
 * the front door's proof reaches the wiki as nobody. The database is a plain PostgreSQL 17 from the
 * postgres-patroni image (the wiki does not care who runs it), with password authentication.
 */
class MediawikiImageTest {
  private static final String PASSWORD = "wiki-db-secret";
  private static final String SUPERUSER_PASSWORD = "superuser-secret";

  /**
   * What the generated file names (team-cluster's MediaWiki: database "wiki", its own role "wiki").
   */
  private static final String DATABASE = "wiki";

  private static final String ROLE = "wiki";
  private static final String SITE_NAME = "team wiki";
  private static final String USER_INFO = "/api.php?action=query&meta=userinfo&format=json";

  @Test
  void servesItsMainPageWithTheGeneratedLocalSettingsOnPostgres() {
    String wikiImage = Podman.image("mediawiki");
    String postgresImage = Podman.image("postgres-patroni");
    String settings = TeamConfigs.file("wiki/LocalSettings.php").toString();
    int pgPort = Wait.freePort();
    int httpPort = Wait.freePort();
    int backendPort = Wait.freePort();
    try (var postgres =
        Podman.run(
            postgresImage,
            List.of("--entrypoint", "sh"),
            "-c",
            "echo "
                + SUPERUSER_PASSWORD
                + " > /tmp/password && initdb -D /tmp/pg -U postgres -A scram-sha-256"
                + " --pwfile=/tmp/password >/dev/null && exec postgres -D /tmp/pg -p "
                + pgPort
                + " -c listen_addresses=127.0.0.1 -k /tmp")) {
      postgres.awaitPort(pgPort, Duration.ofSeconds(60));
      // What Patroni's post_bootstrap does in the cluster: the image's script makes the app's own
      // role and database.
      postgres
          .exec(
              List.of(
                  "-e",
                  "PGPASSWORD=" + SUPERUSER_PASSWORD,
                  "-e",
                  "POSTGRES_APP_PASSWORD=" + PASSWORD),
              "patroni-post-bootstrap",
              ROLE,
              DATABASE,
              "postgresql://postgres@127.0.0.1:" + pgPort + "/postgres")
          .orFail();
      List<String> options = new ArrayList<>(FrontDoorGuardInImage.options(httpPort, backendPort));
      options.addAll(
          List.of(
              "-v",
              settings + ":/etc/mediawiki/LocalSettings.php:ro,Z",
              "-e",
              "DB_PASSWORD=" + PASSWORD,
              "-e",
              "DB_HOST=127.0.0.1",
              "-e",
              "DB_PORT=" + pgPort));
      try (var wiki = Podman.run(wikiImage, options)) {
        servesItsMainPage(wiki, httpPort);
      }
    }
  }

  private static void signsInTheUserTheFrontDoorProved(int httpPort) {
    JsonNode alice = userInfo(httpPort, FrontDoorGuardInImage.signedIn("alice"));
    // MediaWiki writes user names with a capital first letter.
    assertEquals("Alice", alice.path("name").asText(), alice.toString());
    assertTrue(alice.path("anon").isMissingNode(), "signed in, not anonymous: " + alice);
    assertTrue(
        alice.path("id").asLong() > 0, "alice's account was created on first sight: " + alice);
    assertEquals(
        alice.path("id").asLong(),
        userInfo(httpPort, FrontDoorGuardInImage.signedIn("alice")).path("id").asLong(),
        "the same account on the next request");
    assertEquals(
        "Bob", userInfo(httpPort, FrontDoorGuardInImage.signedIn("bob")).path("name").asText());

    FrontDoorGuardInImage.refusesTheUnproven(httpPort, USER_INFO);
    assertEquals(
        401,
        Http.get(
                httpPort,
                "127.0.0.1:" + httpPort,
                USER_INFO,
                Map.of(FrontDoorIdentity.USER_HEADER, "mallory"))
            .status(),
        "mallory named without a proof");
    Map<String, String> forged = new HashMap<>(FrontDoorGuardInImage.signedIn("alice"));
    forged.put(FrontDoorIdentity.USER_HEADER, "mallory");
    assertEquals(
        401,
        Http.get(httpPort, "127.0.0.1:" + httpPort, USER_INFO, forged).status(),
        "another user named with alice's proof");
    Http.Response users =
        Http.get(
            httpPort,
            "127.0.0.1:" + httpPort,
            "/api.php?action=query&list=allusers&format=json",
            FrontDoorGuardInImage.signedIn("alice"));
    assertEquals(200, users.status(), users.body());
    List<String> names = new ArrayList<>();
    json(users.body())
        .path("query")
        .path("allusers")
        .forEach(user -> names.add(user.path("name").asText()));
    assertTrue(names.containsAll(List.of("Alice", "Bob")), names.toString());
    assertFalse(
        names.contains("Mallory"), "a user named without a valid proof got no account: " + names);
  }

  private static JsonNode userInfo(int httpPort, Map<String, String> headers) {
    Http.Response response = Http.get(httpPort, "127.0.0.1:" + httpPort, USER_INFO, headers);
    assertEquals(200, response.status(), response.body());
    return json(response.body()).path("query").path("userinfo");
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static void servesItsMainPage(Podman.Container wiki, int httpPort) {
    wiki.awaitHealthy(Duration.ofSeconds(120));
    assertTrue(
        wiki.exec("php", "-l", "/etc/mediawiki/LocalSettings.php")
            .orFail()
            .out()
            .contains("No syntax errors"));

    Http.Response page =
        Http.get(
            httpPort,
            "127.0.0.1:" + httpPort,
            "/index.php?title=Main_Page",
            FrontDoorGuardInImage.signedIn("alice"));
    assertEquals(200, page.status(), page.headers());
    assertTrue(page.body().contains("MediaWiki has been installed"), page.body());
    assertTrue(
        page.body().contains("<title>" + SITE_NAME + "</title>"),
        "the generated site name titles the page");
    assertTrue(
        page.body().contains("https://wiki.dev.example.com"), "links use the generated server URL");
    assertEquals(
        200,
        Http.get(
                httpPort,
                "127.0.0.1:" + httpPort,
                "/Main_Page",
                FrontDoorGuardInImage.signedIn("alice"))
            .status(),
        "the generated article path, which the image's nginx rewrites");
    FrontDoorGuardInImage.refusesTheUnproven(httpPort, "/Main_Page");
    signsInTheUserTheFrontDoorProved(httpPort);
    assertEquals("www-data\n", wiki.exec("id", "-un").orFail().out());

    // When php-fpm dies, the container must stop too, for the engine to restart the whole wiki.
    // No orFail: the exec may die with the container it stops.
    wiki.exec(
        "sh",
        "-c",
        "for p in /proc/[0-9]*; do case \"$(tr '\\0' ' ' < $p/cmdline)\" in"
            + " 'php-fpm: master'*) kill -9 ${p#/proc/};; esac; done 2>/dev/null");
    Wait.until(
        Duration.ofSeconds(20),
        "the wiki's container stops with its php-fpm",
        () -> !wiki.running(),
        wiki::logs);
  }
}
