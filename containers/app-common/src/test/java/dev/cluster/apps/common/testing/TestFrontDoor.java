package dev.cluster.apps.common.testing;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Map;

/**
 * The front door as the apps' tests play it: one proof key and audience, and the identity headers with the
 * proof the auth gateway would add, so a test's request is signed in the way nginx forwards one.
 */
public final class TestFrontDoor {
  public static final String KEY = "test-only-front-door-proof-key-0123456789";
  public static final String AUDIENCE = "app.dev.test";

  private TestFrontDoor() {}

  public static FrontDoorTrust trust() {
    return FrontDoorTrust.of(KEY, AUDIENCE);
  }

  /** The variables an app's unit gets: the key and its own host name. */
  public static Map<String, String> variables() {
    return Map.of(FrontDoorProof.KEY_VARIABLE, KEY, FrontDoorTrust.AUDIENCE_VARIABLE, AUDIENCE);
  }

  /** {@code request} signed in as {@code user} in {@code groups} (comma-separated), proven for a minute. */
  public static HttpRequest.Builder signedIn(HttpRequest.Builder request, String user, String groups) {
    identity(user, groups).forEach(request::header);
    return request;
  }

  /** The identity headers nginx forwards after the gateway admitted {@code user}. */
  public static Map<String, String> identity(String user, String groups) {
    String proof = new FrontDoorProof(KEY).sign(AUDIENCE, user, groups, Instant.now().plus(FrontDoorProof.LIFETIME));
    return Map.of(FrontDoorIdentity.USER_HEADER, user, FrontDoorIdentity.GROUPS_HEADER, groups,
        FrontDoorProof.HEADER, proof);
  }
}
