package dev.cluster.apps.common.testing;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * The front door as the apps' tests play it: one proof key and audience, and the identity headers
 * with the proof the auth gateway would add, so a test's request is signed in the way nginx
 * forwards one.
 */
public final class TestFrontDoor {
  private static final KeyPair KEYS = keyPair();

  /**
   * The gateway's private key, base64 DER as {@value FrontDoorProof#SIGNING_KEY_VARIABLE} takes it.
   */
  public static final String SIGNING_KEY =
      Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());

  /** The apps' public key, base64 DER as {@value FrontDoorProof#VERIFY_KEY_VARIABLE} takes it. */
  public static final String VERIFY_KEY =
      Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());

  public static final String AUDIENCE = "app.dev.test";

  private TestFrontDoor() {}

  public static FrontDoorTrust trust() {
    return FrontDoorTrust.of(VERIFY_KEY, AUDIENCE);
  }

  /** The variables an app's unit gets: the public key and its own host name. */
  public static Map<String, String> variables() {
    return Map.of(
        FrontDoorProof.VERIFY_KEY_VARIABLE, VERIFY_KEY, FrontDoorTrust.AUDIENCE_VARIABLE, AUDIENCE);
  }

  /** Signs as the gateway does. */
  public static FrontDoorProof.Signer gateway() {
    return FrontDoorProof.signer(SIGNING_KEY);
  }

  /**
   * {@code request} signed in as {@code user} in {@code groups} (comma-separated), proven for a
   * minute.
   */
  public static HttpRequest.Builder signedIn(
      HttpRequest.Builder request, String user, String groups) {
    identity(user, groups).forEach(request::header);
    return request;
  }

  /** The identity headers nginx forwards after the gateway admitted {@code user}. */
  public static Map<String, String> identity(String user, String groups) {
    return identity(AUDIENCE, user, groups);
  }

  /** The same for the app of host {@code audience}. */
  public static Map<String, String> identity(String audience, String user, String groups) {
    String proof =
        gateway().sign(audience, user, groups, Instant.now().plus(FrontDoorProof.LIFETIME));
    return Map.of(
        FrontDoorIdentity.USER_HEADER,
        user,
        FrontDoorIdentity.GROUPS_HEADER,
        groups,
        FrontDoorProof.HEADER,
        proof);
  }

  private static KeyPair keyPair() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
    }
  }
}
