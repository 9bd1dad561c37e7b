package dev.cluster.apps.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard between a client and a real app on 127.0.0.1: what it lets through, with which
 * identity, and what it answers itself without the app ever seeing the request.
 */
class GuardTest {
  private static final String AUDIENCE = TestFrontDoor.AUDIENCE;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final FrontDoorProof.Signer gateway = TestFrontDoor.gateway();
  private RecordingBackend backend;
  private Guard guard;

  @BeforeEach
  void start() throws Exception {
    backend = new RecordingBackend();
    guard =
        Guard.start(
            new GuardSettings(
                "127.0.0.1",
                0,
                backend.port(),
                AnonymousPaths.of("/d/", "/healthz"),
                Duration.ofSeconds(300),
                FrontDoorTrust.of(TestFrontDoor.VERIFY_KEY, AUDIENCE, List.of("developers"))));
  }

  @AfterEach
  void stop() throws Exception {
    guard.close();
    backend.close();
  }

  @Test
  void aProvenRequestReachesTheAppWithItsIdentityAndWithoutTheProof() throws Exception {
    HttpResponse<String> response =
        send(
            "GET",
            "/projects/team%2Fapp?o=1&q=a%20b",
            TestFrontDoor.identity(" alice ", "developers, admins"));
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("seen 0 bytes", response.body());
    RecordingBackend.Seen seen = onlyRequest();
    assertEquals(
        "/projects/team%2Fapp", seen.rawPath(), "the raw path, %2F and all, as the client sent it");
    assertEquals("o=1&q=a%20b", seen.rawQuery());
    assertEquals(List.of("alice"), seen.headers().get(FrontDoorIdentity.USER_HEADER));
    assertEquals(List.of("developers,admins"), seen.headers().get(FrontDoorIdentity.GROUPS_HEADER));
    assertNull(seen.headers().get(FrontDoorProof.HEADER));
  }

  @Test
  void anIdentityWithoutAValidProofIsRefusedBeforeTheApp() throws Exception {
    Instant later = Instant.now().plusSeconds(60);
    Map<String, Map<String, String>> forged =
        Map.of(
            "no proof",
                Map.of(
                    FrontDoorIdentity.USER_HEADER,
                    "admin",
                    FrontDoorIdentity.GROUPS_HEADER,
                    "developers"),
            "a proof for another app",
                withProof(
                    "admin",
                    "developers",
                    gateway.sign("other.dev.test", "admin", "developers", later)),
            "an expired proof",
                withProof(
                    "admin",
                    "developers",
                    gateway.sign(AUDIENCE, "admin", "developers", Instant.now().minusSeconds(1))),
            "another user's proof",
                withProof(
                    "admin", "developers", gateway.sign(AUDIENCE, "alice", "developers", later)),
            "a made-up proof", withProof("admin", "developers", later.getEpochSecond() + ".AAAA"));
    for (Map.Entry<String, Map<String, String>> request : forged.entrySet()) {
      HttpResponse<String> onAPage = send("GET", "/dashboard", request.getValue());
      assertEquals(401, onAPage.statusCode(), request.getKey());
      assertEquals(
          401,
          send("GET", "/d/file", request.getValue()).statusCode(),
          request.getKey() + ", on an open path too");
    }
    assertTrue(backend.seen.isEmpty(), "the app saw none of them: " + backend.seen);
  }

  @Test
  void aProofUsedBeforeIsRefusedBeforeTheApp() throws Exception {
    Map<String, String> signedIn = TestFrontDoor.identity("alice", "developers");
    assertEquals(200, send("GET", "/dashboard", signedIn).statusCode());
    HttpResponse<String> replayed = send("GET", "/dashboard", signedIn);
    assertEquals(401, replayed.statusCode());
    assertEquals(FrontDoorTrust.REPLAYED_MESSAGE, replayed.body().strip());
    assertEquals(1, backend.seen.size(), "the app saw the first use only: " + backend.seen);
  }

  @Test
  void aProvenUserOutsideTheRoutesGroupsIsRefused() throws Exception {
    assertEquals(
        403, send("GET", "/dashboard", TestFrontDoor.identity("mallory", "visitors")).statusCode());
    assertTrue(backend.seen.isEmpty());
  }

  @Test
  void aRequestNamingNobodyReachesOnlyTheOpenPathsAndTheHealthCheck() throws Exception {
    assertEquals(200, send("GET", "/healthz", Map.of()).statusCode());
    assertEquals(200, send("HEAD", "/d/a-token", Map.of()).statusCode());
    assertEquals(
        200,
        send(
                "GET",
                "/d/a-token",
                Map.of("X_Auth_Request_User", "admin", "x-front-door-proof", "1.AAAA"))
            .statusCode());
    List<String> refused =
        List.of(
            "GET /",
            "GET /dashboard",
            "GET /healthz/more",
            "POST /d/a-token",
            "PUT /healthz",
            "GET /d/../dashboard",
            "GET /d/%2e%2e/dashboard",
            "GET /d/x;y",
            "GET /d/%41");
    for (String request : refused) {
      String[] methodAndPath = request.split(" ");
      assertEquals(401, send(methodAndPath[0], methodAndPath[1], Map.of()).statusCode(), request);
    }
    assertEquals(3, backend.seen.size(), "only the three admitted: " + backend.seen);
    RecordingBackend.Seen underscored = backend.seen.get(2);
    assertFalse(
        underscored.headers().keySet().stream()
            .anyMatch(
                name ->
                    name.equalsIgnoreCase("X_Auth_Request_User")
                        || name.equalsIgnoreCase(FrontDoorProof.HEADER)),
        "identity headers in any spelling are dropped: " + underscored.headers().keySet());
  }

  @Test
  void theFrontDoorsForwardingHeadersPassUnchanged() throws Exception {
    Map<String, String> headers = new HashMap<>(TestFrontDoor.identity("alice", "developers"));
    headers.put("X-Forwarded-For", "203.0.113.7");
    headers.put("X-Forwarded-Proto", "https");
    assertEquals(200, send("GET", "/dashboard", headers).statusCode());
    RecordingBackend.Seen seen = onlyRequest();
    assertEquals(List.of("203.0.113.7"), seen.headers().get("X-Forwarded-For"));
    assertEquals(List.of("https"), seen.headers().get("X-Forwarded-Proto"));
    assertNull(seen.headers().get("Via"));
  }

  @Test
  void anAppThatDoesNotAnswerIsABadGateway() throws Exception {
    backend.close();
    assertEquals(
        502, send("GET", "/dashboard", TestFrontDoor.identity("alice", "developers")).statusCode());
  }

  @Test
  void anAppSilentForTheIdleTimeoutIsAGatewayTimeout() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    backend.handle(
        "/stuck",
        exchange -> {
          try {
            released.await(120, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          RecordingBackend.answer(exchange, 200, "too late");
        });
    try (Guard impatient =
        Guard.start(
            new GuardSettings(
                "127.0.0.1",
                0,
                backend.port(),
                AnonymousPaths.of("", ""),
                Duration.ofSeconds(1),
                FrontDoorTrust.of(TestFrontDoor.VERIFY_KEY, AUDIENCE)))) {
      guard.close();
      guard = impatient;
      assertEquals(
          504, send("GET", "/stuck", TestFrontDoor.identity("alice", "developers")).statusCode());
    } finally {
      released.countDown();
    }
  }

  private RecordingBackend.Seen onlyRequest() {
    assertEquals(1, backend.seen.size(), backend.seen.toString());
    return backend.seen.get(0);
  }

  private static Map<String, String> withProof(String user, String groups, String proof) {
    return Map.of(
        FrontDoorIdentity.USER_HEADER,
        user,
        FrontDoorIdentity.GROUPS_HEADER,
        groups,
        FrontDoorProof.HEADER,
        proof);
  }

  private HttpResponse<String> send(String method, String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
