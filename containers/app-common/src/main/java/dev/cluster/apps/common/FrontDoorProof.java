package dev.cluster.apps.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The front door's word that it signed a request's user in: {@code <expiry in epoch seconds>.<HMAC-SHA256>}
 * over the audience (the app's host name, {@code <subdomain>.<domain>}), the user and groups as the identity
 * headers carry them, and the expiry, under a key only the auth gateway and the apps hold (the
 * derived secret {@code <gateway>-front-door-proof-key}). The gateway makes one for every {@code auth_request}
 * it admits, nginx hands it to the app in {@link #HEADER}; an app believes the identity headers only with a
 * proof for its own audience that has not expired, so a process that reaches the app's port without passing
 * the front door cannot name a user, and a proof one app received is worth nothing at another.
 */
public final class FrontDoorProof {
  public static final String HEADER = "X-Front-Door-Proof";
  /** How long a proof is good: it covers one request, with room for the machines' clocks to differ. */
  public static final Duration LIFETIME = Duration.ofSeconds(60);
  /** The variable holding the key, in the gateway and in every app behind the sign-in. */
  public static final String KEY_VARIABLE = "FRONT_DOOR_PROOF_KEY";
  static final int MIN_KEY_LENGTH = 32;
  private static final String VERSION = "front-door-proof-1";

  private final SecretKeySpec key;

  public FrontDoorProof(String key) {
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw new IllegalStateException(KEY_VARIABLE + " must be at least " + MIN_KEY_LENGTH
          + " characters (e.g. openssl rand -base64 32), got " + (key == null ? "none" : key.length()));
    }
    this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The proof of {@code user} in {@code groups} (the headers' values) for {@code audience}, good until {@code expires}. */
  public String sign(String audience, String user, String groups, Instant expires) {
    long seconds = expires.getEpochSecond();
    return seconds + "." + mac(audience, user, groups, seconds);
  }

  /** Whether {@code proof} is this key's for exactly these values and {@code now} is before its expiry. */
  public boolean verify(String proof, String audience, String user, String groups, Instant now) {
    if (proof == null) {
      return false;
    }
    int dot = proof.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(proof.substring(0, dot));
    } catch (NumberFormatException e) {
      return false;
    }
    byte[] expected = mac(audience, user, groups, seconds).getBytes(StandardCharsets.US_ASCII);
    byte[] given = proof.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) && now.getEpochSecond() < seconds;
  }

  private String mac(String audience, String user, String groups, long expires) {
    // Header values hold no line breaks, so the fields cannot run into each other; HTTP drops the spaces around
    // a value, so they are not signed.
    String signed = String.join("\n", VERSION, audience, user.strip(), groups == null ? "" : groups.strip(),
        Long.toString(expires));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
