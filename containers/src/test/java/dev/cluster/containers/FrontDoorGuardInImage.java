package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The front door's guard as an image that runs it is tested: the variables a guarded app's unit
 * gets (the guard's port, the app's loopback port, the gateway's public key of the test's own key
 * pair, the app's host), and what the guard must let through and refuse on that port.
 */
final class FrontDoorGuardInImage {
  private FrontDoorGuardInImage() {}

  /**
   * {@code podman run} options: the guard on {@code port}, the app on 127.0.0.1:{@code
   * backendPort}.
   */
  static List<String> options(int port, int backendPort) {
    List<String> options =
        new ArrayList<>(
            List.of("-e", "GUARD_PORT=" + port, "-e", "GUARD_BACKEND_PORT=" + backendPort));
    options.addAll(trustOptions(TestFrontDoor.AUDIENCE));
    return options;
  }

  /** {@code podman run} options: the gateway's public key and the app's host, {@code audience}. */
  static List<String> trustOptions(String audience) {
    return List.of(
        "-e",
        FrontDoorProof.VERIFY_KEY_VARIABLE + "=" + TestFrontDoor.VERIFY_KEY,
        "-e",
        FrontDoorTrust.AUDIENCE_VARIABLE + "=" + audience);
  }

  /** The headers nginx forwards for {@code user}, with the gateway's proof. */
  static Map<String, String> signedIn(String user) {
    return TestFrontDoor.identity(user, "developers");
  }

  /** A request naming a user without the proof, or nobody, is answered 401 by the guard. */
  static void refusesTheUnproven(int port, String path) {
    Http.Response forged =
        Http.get(
            port,
            TestFrontDoor.AUDIENCE,
            path,
            Map.of(
                FrontDoorIdentity.USER_HEADER,
                "admin",
                FrontDoorIdentity.GROUPS_HEADER,
                "developers"));
    assertEquals(
        401, forged.status(), "a user named without the front door's proof: " + forged.headers());
    Http.Response anonymous = Http.get(port, TestFrontDoor.AUDIENCE, path);
    assertEquals(401, anonymous.status(), "nobody signed in: " + anonymous.headers());
  }
}
