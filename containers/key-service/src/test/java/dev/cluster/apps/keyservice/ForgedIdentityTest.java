package dev.cluster.apps.keyservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.testing.TestFrontDoor;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that reaches the key service's port without passing the front door cannot add a key in
 * an admin's name, which sshd would then admit as that admin on every machine: the attack of issue
 * 24, over real HTTP with a key made by ssh-keygen.
 */
class ForgedIdentityTest {
  private static final String TOKEN = "test-token-" + "y".repeat(40);
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;
  private Javalin service;

  @BeforeEach
  void start() throws Exception {
    KeyStore store = new KeyStore(dir.resolve("keys"));
    service =
        new KeyServiceApp(store, Accounts.asRecorded(store), TOKEN, TestFrontDoor.trust())
            .create()
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    service.stop();
  }

  @Test
  void aForgedAdminCannotAddAKeyAndSshdIsServedNone() throws Exception {
    String key = SshKeys.publicLine(SshKeys.generate(dir, "intruder", "-t", "ed25519"));
    Map<String, String> forged =
        Map.of(FrontDoorIdentity.USER_HEADER, "bob", FrontDoorIdentity.GROUPS_HEADER, "admins");
    assertEquals(401, addKey(forged, key).statusCode());
    assertEquals(
        401,
        addKey(
                Map.of(
                    FrontDoorIdentity.USER_HEADER,
                    "bob",
                    FrontDoorIdentity.GROUPS_HEADER,
                    "admins",
                    FrontDoorProof.HEADER,
                    "9999999999.forged"),
                key)
            .statusCode());
    assertEquals("", authorizedKeys("bob").body(), "sshd gets no key for bob");

    // The same request through the front door, which proved bob signed in: accepted, and served to
    // sshd.
    assertEquals(201, addKey(TestFrontDoor.identity("bob", "admins"), key).statusCode());
    assertTrue(authorizedKeys("bob").body().contains(key.split(" ")[1]));
  }

  private HttpResponse<String> addKey(Map<String, String> identity, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/keys"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)));
    identity.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> authorizedKeys(String user) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + service.port()
                            + "/authorized-keys/"
                            + user
                            + "?group=admins"))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response;
  }
}
