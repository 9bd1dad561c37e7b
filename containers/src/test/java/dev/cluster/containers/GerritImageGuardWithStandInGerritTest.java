package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Gerrit image's own part, with a stand-in Gerrit: the upstream image it is built FROM cannot
 * be pulled here, so containers/gerrit's Containerfile is built on {@code
 * src/test/resources/gerrit-stand-in} (the upstream image's user, site, /entrypoint.sh and tools,
 * and a tiny HTTP server that believes {@code X-Auth-Request-User} as Gerrit's {@code auth.type =
 * HTTP} does and listens where the site's {@code httpd.listenUrl} says). Run as the generated unit
 * runs it (team-cluster's gerrit.config and secure.config, the image's ports 8080 for the guard and
 * 8081 for Gerrit, only 8080 published), it shows that cluster-entrypoint.sh fills the site's
 * configuration, that Gerrit listens where the guard forwards to, and that only the front door's
 * proven users reach it.
 */
class GerritImageGuardWithStandInGerritTest {
  /** team-cluster's Gerrit route, which its unit gives the guard as FRONT_DOOR_AUDIENCE. */
  private static final String HOST = "review.dev.example.com";

  /** With characters secure.config's JDBC URL must carry percent-encoded. */
  private static final String DB_PASSWORD = "p@ss/word";

  private static final String REQUESTS = "/var/gerrit/logs/stand-in-requests.log";
  private static final String SELF = "/accounts/self";

  @Test
  void onlyTheFrontDoorsProvenUsersReachGerritWhereTheGeneratedConfigPutsIt() {
    String image = Podman.imageOnStandIn("gerrit", Podman.testImage("gerrit-stand-in"));
    String gerritConfig = TeamConfigs.file("gerrit/gerrit.config").toString();
    String secureConfig = TeamConfigs.file("gerrit/secure.config").toString();
    int port = Wait.freePort();
    List<String> options = new ArrayList<>(FrontDoorGuardInImage.trustOptions(HOST));
    options.addAll(
        List.of(
            "-e",
            "FRONT_DOOR_GROUPS=developers",
            "-e",
            "GUARD_HEALTH_PATH=/config/server/version",
            "-v",
            gerritConfig + ":/etc/cluster/gerrit/gerrit.config:ro,Z",
            "-v",
            secureConfig + ":/etc/cluster/gerrit/secure.config:ro,Z"));

    Command.Result withoutPassword = Podman.runOnceOn("podman", image, options);
    assertFalse(withoutPassword.ok(), "no DB_PASSWORD: the container must not start Gerrit");
    assertTrue(
        withoutPassword.describe().contains("DB_PASSWORD is not set"), withoutPassword.describe());

    options.addAll(
        List.of("-e", "DB_PASSWORD=" + DB_PASSWORD, "-p", "127.0.0.1:" + port + ":8080"));
    // Its own network namespace: the guard and the stand-in on the image's own ports, as in the
    // cluster.
    try (var gerrit = Podman.runOn("podman", image, options)) {
      gerrit.awaitHealthy(Duration.ofSeconds(90));
      // The health check asks Gerrit on its own port; the guard, a JVM, may be listening later.
      gerrit.awaitPort(port, Duration.ofSeconds(60));
      String site = gerrit.exec("cat", "/var/gerrit/etc/gerrit.config").orFail().out();
      assertTrue(
          site.contains("canonicalWebUrl = https://" + HOST + "/"),
          "the generated URL, not the upstream entrypoint's default: " + site);
      assertTrue(site.contains("listenUrl = proxy-https://127.0.0.1:8081/"), site);
      assertTrue(
          gerrit
              .exec("cat", "/var/gerrit/etc/secure.config")
              .orFail()
              .out()
              .contains("password=p%40ss%2Fword"),
          "the password filled in, percent-encoded in its URL");

      Http.Response version = Http.get(port, HOST, "/config/server/version");
      assertEquals(
          200, version.status(), "the health check's path, naming nobody: " + version.headers());
      assertTrue(version.body().contains("3.10.1"), version.body());

      FrontDoorGuardInImage.refusesTheUnproven(port, SELF);
      assertEquals(
          401,
          get(port, TestFrontDoor.identity("other.dev.example.com", "alice", "developers"))
              .status(),
          "a proof for another app");
      assertEquals(
          403,
          get(port, TestFrontDoor.identity(HOST, "mallory", "visitors")).status(),
          "a proven user outside the route's groups");
      assertTrue(seen(gerrit, SELF).isEmpty(), "Gerrit saw none of them: " + seen(gerrit, SELF));

      Http.Response self = get(port, TestFrontDoor.identity(HOST, "alice", "developers"));
      assertEquals(200, self.status(), self.headers());
      assertTrue(
          self.body().contains("\"username\": \"alice\""),
          "Gerrit believes the proven user: " + self.body());
      List<JsonNode> reached = seen(gerrit, SELF);
      assertEquals(1, reached.size(), reached.toString());
      assertEquals(Optional.of("alice"), header(reached.get(0), FrontDoorIdentity.USER_HEADER));
      assertEquals(
          Optional.empty(),
          header(reached.get(0), FrontDoorProof.HEADER),
          "the proof ends at the guard");
    }
  }

  private static Http.Response get(int port, Map<String, String> headers) {
    return Http.get(port, HOST, SELF, headers);
  }

  /** The requests for {@code path} that reached the stand-in, as it logged them. */
  private static List<JsonNode> seen(Podman.Container gerrit, String path) {
    Command.Result log =
        gerrit.exec("sh", "-c", "cat " + REQUESTS + " 2>/dev/null || true").orFail();
    List<JsonNode> requests = new ArrayList<>();
    for (String line : log.out().lines().toList()) {
      try {
        JsonNode request = new ObjectMapper().readTree(line);
        if (request.path("path").asText().equals(path)) {
          requests.add(request);
        }
      } catch (JsonProcessingException e) {
        throw new AssertionError("the stand-in logged a line that is not JSON: " + line, e);
      }
    }
    return requests;
  }

  private static Optional<String> header(JsonNode request, String name) {
    for (JsonNode header : request.path("headers")) {
      if (header.get(0).asText().equalsIgnoreCase(name)) {
        return Optional.of(header.get(1).asText());
      }
    }
    return Optional.empty();
  }
}
