package dev.cluster.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.testing.TestFrontDoor;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signed-in user, believed only with the front door's proof, through a real server: whoever
 * reaches the app's port without passing the front door cannot name a user.
 */
class FrontDoorIdentityTest {
  private static final String AUDIENCE = TestFrontDoor.AUDIENCE;
  private final HttpClient http = HttpClient.newHttpClient();
  private final FrontDoorProof.Signer gateway = TestFrontDoor.gateway();
  private Javalin app;

  @BeforeEach
  void start() {
    app =
        AppServer.create("identity-test", TestFrontDoor.trust(), c -> {})
            .get(
                "/who",
                ctx -> {
                  SignedInUser user = FrontDoorIdentity.required(ctx);
                  ctx.result(user.name() + " " + user.groups());
                })
            .get("/open", ctx -> ctx.result("open"))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void aProvenIdentityIsTheSignedInUser() throws Exception {
    String proof =
        gateway.sign(AUDIENCE, " alice ", "developers, admins,", Instant.now().plusSeconds(60));
    HttpResponse<String> signedIn = who(withProof(" alice ", "developers, admins,", proof));
    assertEquals(200, signedIn.statusCode(), signedIn.body());
    assertEquals("alice [developers, admins]", signedIn.body());
    assertEquals(200, who(TestFrontDoor.identity("bob", "")).statusCode());
  }

  @Test
  void anIdentityWithoutAValidProofIsRefused() throws Exception {
    Map<String, String> forged =
        Map.of(FrontDoorIdentity.USER_HEADER, "bob", FrontDoorIdentity.GROUPS_HEADER, "admins");
    assertEquals(401, who(forged).statusCode(), "no proof");
    assertEquals(
        401, get("/open", forged).statusCode(), "a forged identity is refused on every path");
    Instant later = Instant.now().plusSeconds(60);
    assertEquals(
        401,
        who(withProof("bob", "admins", gateway.sign(AUDIENCE, "alice", "admins", later)))
            .statusCode(),
        "another user's proof");
    assertEquals(
        401,
        who(withProof("bob", "admins", gateway.sign(AUDIENCE, "bob", "developers", later)))
            .statusCode(),
        "a proof for other groups");
    assertEquals(
        401,
        who(withProof("bob", "admins", gateway.sign("other.dev.test", "bob", "admins", later)))
            .statusCode(),
        "a proof for another app");
    assertEquals(
        401,
        who(withProof(
                "bob",
                "admins",
                gateway.sign(AUDIENCE, "bob", "admins", Instant.now().minusSeconds(1))))
            .statusCode(),
        "an expired proof");
    String valid = gateway.sign(AUDIENCE, "bob", "admins", later);
    int dot = valid.indexOf('.');
    String extended = (Long.parseLong(valid.substring(0, dot)) + 3600) + valid.substring(dot);
    assertEquals(401, who(withProof("bob", "admins", extended)).statusCode(), "expiry moved");
    // The first character of the signature (the last carries bits the decoder ignores).
    int signature = valid.lastIndexOf('.') + 1;
    String flipped =
        valid.substring(0, signature)
            + (valid.charAt(signature) == 'A' ? "B" : "A")
            + valid.substring(signature + 1);
    assertEquals(401, who(withProof("bob", "admins", flipped)).statusCode(), "signature changed");
    String otherNonce =
        valid.substring(0, dot + 1)
            + (valid.charAt(dot + 1) == 'A' ? "B" : "A")
            + valid.substring(dot + 2);
    assertEquals(401, who(withProof("bob", "admins", otherNonce)).statusCode(), "nonce changed");
    String otherKey =
        Base64.getEncoder()
            .encodeToString(
                KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPrivate()
                    .getEncoded());
    assertEquals(
        401,
        who(withProof(
                "bob",
                "admins",
                FrontDoorProof.signer(otherKey).sign(AUDIENCE, "bob", "admins", later)))
            .statusCode(),
        "another key");
    assertEquals(401, who(withProof("bob", "admins", "garbage")).statusCode());
    assertEquals(200, who(withProof("bob", "admins", valid)).statusCode(), "the same, proven");
  }

  /**
   * Whoever read a proof on its way (nginx to the app is plain HTTP) cannot use it again within its
   * minute.
   */
  @Test
  void aProofIsGoodForOneRequestOnly() throws Exception {
    Map<String, String> signedIn = TestFrontDoor.identity("alice", "developers");
    assertEquals(200, who(signedIn).statusCode(), "its first use");
    HttpResponse<String> replayed = who(signedIn);
    assertEquals(401, replayed.statusCode(), "the same proof again");
    assertTrue(replayed.body().contains(FrontDoorTrust.REPLAYED_MESSAGE), replayed.body());
    assertEquals(401, get("/open", signedIn).statusCode(), "on another path too");
    assertEquals(
        200, who(TestFrontDoor.identity("alice", "developers")).statusCode(), "a new proof");
  }

  /**
   * Ed25519 signs the same message the same way: the nonce makes one user's proofs of one second
   * differ.
   */
  @Test
  void proofsOfTheSameUserInTheSameSecondDiffer() throws Exception {
    Instant expires = Instant.now().plusSeconds(60);
    String first = gateway.sign(AUDIENCE, "alice", "developers", expires);
    String second = gateway.sign(AUDIENCE, "alice", "developers", expires);
    assertTrue(!first.equals(second), first);
    assertEquals(200, who(withProof("alice", "developers", first)).statusCode());
    assertEquals(200, who(withProof("alice", "developers", second)).statusCode());
  }

  @Test
  void anAppWithoutItsKeyBelievesNobody() throws Exception {
    Javalin unkeyed =
        AppServer.create("no-key", FrontDoorTrust.from(new Settings(Map.of())), c -> {})
            .get("/who", ctx -> ctx.result(FrontDoorIdentity.required(ctx).name()))
            .start("127.0.0.1", 0);
    try {
      HttpResponse<String> response =
          http.send(
              TestFrontDoor.signedIn(
                      HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + unkeyed.port() + "/who")),
                      "alice",
                      "")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, response.statusCode());
    } finally {
      unkeyed.stop();
    }
  }

  /**
   * The gateway signs for whoever is signed in and asks it; the app admits only its route's groups.
   */
  @Test
  void aProvenUserOutsideTheAppsGroupsIsRefused() throws Exception {
    Javalin admins =
        AppServer.create(
                "admins-only",
                FrontDoorTrust.from(
                    new Settings(
                        Map.of(
                            FrontDoorProof.VERIFY_KEY_VARIABLE,
                            TestFrontDoor.VERIFY_KEY,
                            FrontDoorTrust.AUDIENCE_VARIABLE,
                            AUDIENCE,
                            FrontDoorTrust.GROUPS_VARIABLE,
                            "admins,ops"))),
                c -> {})
            .get("/who", ctx -> ctx.result(FrontDoorIdentity.required(ctx).name()))
            .start("127.0.0.1", 0);
    try {
      URI who = URI.create("http://127.0.0.1:" + admins.port() + "/who");
      assertEquals(
          403,
          http.send(
                  TestFrontDoor.signedIn(HttpRequest.newBuilder(who), "alice", "developers")
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode());
      assertEquals(
          200,
          http.send(
                  TestFrontDoor.signedIn(HttpRequest.newBuilder(who), "bob", "developers,ops")
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode());
    } finally {
      admins.stop();
    }
  }

  @Test
  void withoutAnIdentityTheHandlerDecides() throws Exception {
    assertEquals(401, who(Map.of()).statusCode());
    assertEquals(401, who(Map.of(FrontDoorIdentity.USER_HEADER, " ")).statusCode());
    assertEquals(200, get("/open", Map.of()).statusCode());
    assertEquals(200, get(AppServer.HEALTH_PATH, Map.of()).statusCode());
  }

  @Test
  void aKeyThatIsNotOneIsAClearError() {
    for (String bad : List.of("short", "bm90IGEga2V5", TestFrontDoor.SIGNING_KEY)) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  FrontDoorTrust.from(
                      new Settings(
                          Map.of(
                              FrontDoorProof.VERIFY_KEY_VARIABLE,
                              bad,
                              FrontDoorTrust.AUDIENCE_VARIABLE,
                              AUDIENCE))));
      assertTrue(
          e.getMessage().startsWith(FrontDoorProof.VERIFY_KEY_VARIABLE + " is"), e.getMessage());
    }
  }

  @Test
  void theKeyMayBePem() throws Exception {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n" + TestFrontDoor.VERIFY_KEY + "\n-----END PUBLIC KEY-----\n";
    String proof = gateway.sign(AUDIENCE, "alice", "", Instant.now().plusSeconds(60));
    assertTrue(FrontDoorProof.verifier(pem).verify(proof, AUDIENCE, "alice", "", Instant.now()));
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

  private HttpResponse<String> who(Map<String, String> headers) throws Exception {
    return get("/who", headers);
  }

  private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
