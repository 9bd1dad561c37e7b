package dev.cluster.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The signed-in user, read from the headers the front door sets, through a real server. */
class FrontDoorIdentityTest {
  @Test
  void readsTheUserAndGroupsAndRefusesARequestWithoutThem() throws Exception {
    var app = AppServer.create("identity-test", c -> {})
        .get("/who", ctx -> {
          SignedInUser user = FrontDoorIdentity.required(ctx);
          ctx.result(user.name() + " " + user.groups());
        })
        .start("127.0.0.1", 0);
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI who = URI.create("http://127.0.0.1:" + app.port() + "/who");
      HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(who)
              .header(FrontDoorIdentity.USER_HEADER, " alice ")
              .header(FrontDoorIdentity.GROUPS_HEADER, "developers, admins,").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("alice [developers, admins]", signedIn.body());
      assertEquals(401, http.send(HttpRequest.newBuilder(who).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(401, http.send(HttpRequest.newBuilder(who).header(FrontDoorIdentity.USER_HEADER, " ").build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    } finally {
      app.stop();
    }
  }
}
