package dev.cluster.apps.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The front door's word that it signed a request's user in: {@code <expiry in epoch
 * seconds>.<nonce>.<Ed25519 signature>} over the audience (the app's host name, {@code
 * <subdomain>.<domain>}), the user and groups as the identity headers carry them, the expiry and
 * the nonce. The auth gateway alone holds the signing key; it makes a proof for every {@code
 * auth_request} it admits and nginx hands it to the app in {@link #HEADER}. The nonce (16 random
 * bytes) makes every proof unique: Ed25519 is deterministic, so without it two requests of one user
 * in the same second would carry the same proof, and an app that accepts each proof once ({@link
 * SpentProofs}) would refuse the second. Apps hold only the public key: an app believes the
 * identity headers only with a proof for its own audience that has not expired, so a process that
 * reaches its port without passing the front door cannot name a user, a proof one app received is
 * worth nothing at another, and an app taken over cannot make proofs for the others (which a shared
 * HMAC key would allow).
 *
 * <p>Keys are DER (PKCS#8 private, X.509 public) in base64, or PEM: {@code openssl genpkey
 * -algorithm ed25519}.
 */
public final class FrontDoorProof {
  public static final String HEADER = "X-Front-Door-Proof";

  /**
   * How long a proof is good: it covers one request, with room for the machines' clocks to differ.
   */
  public static final Duration LIFETIME = Duration.ofSeconds(60);

  /** The gateway's variable: the private key. */
  public static final String SIGNING_KEY_VARIABLE = "FRONT_DOOR_SIGNING_KEY";

  /** Every app's variable behind the sign-in: the public key. */
  public static final String VERIFY_KEY_VARIABLE = "FRONT_DOOR_VERIFY_KEY";

  private static final String ALGORITHM = "Ed25519";
  private static final String VERSION = "front-door-proof-2";
  private static final int NONCE_BYTES = 16;

  /**
   * The nonce exactly as the gateway writes it: one spelling only, so a proof cannot be respelt to
   * look new.
   */
  private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private FrontDoorProof() {}

  /** Makes proofs: the gateway's side. */
  public static Signer signer(String privateKey) {
    try {
      return new Signer(
          KeyFactory.getInstance(ALGORITHM)
              .generatePrivate(new PKCS8EncodedKeySpec(der(privateKey, SIGNING_KEY_VARIABLE))),
          new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          SIGNING_KEY_VARIABLE + " is not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
    }
  }

  /** Checks proofs: an app's side. */
  public static Verifier verifier(String publicKey) {
    try {
      return new Verifier(
          KeyFactory.getInstance(ALGORITHM)
              .generatePublic(new X509EncodedKeySpec(der(publicKey, VERIFY_KEY_VARIABLE))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          VERIFY_KEY_VARIABLE + " is not an Ed25519 public key (X.509): " + e.getMessage(), e);
    }
  }

  /** The gateway's signing key. */
  public static final class Signer {
    private final PrivateKey key;
    private final SecureRandom random;

    private Signer(PrivateKey key, SecureRandom random) {
      this.key = key;
      this.random = random;
    }

    /**
     * A new proof of {@code user} in {@code groups} (the headers' values) for {@code audience},
     * good until {@code expires}: never the same twice.
     */
    public String sign(String audience, String user, String groups, Instant expires) {
      long seconds = expires.getEpochSecond();
      byte[] nonceBytes = new byte[NONCE_BYTES];
      random.nextBytes(nonceBytes);
      String nonce = BASE64URL.encodeToString(nonceBytes);
      try {
        Signature signature = Signature.getInstance(ALGORITHM);
        signature.initSign(key);
        signature.update(message(audience, user, groups, seconds, nonce));
        return seconds + "." + nonce + "." + BASE64URL.encodeToString(signature.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
      }
    }
  }

  /** The public key the apps check proofs with. */
  public static final class Verifier {
    private final PublicKey key;

    private Verifier(PublicKey key) {
      this.key = key;
    }

    /**
     * Whether {@code proof} was signed for exactly these values and {@code now} is before its
     * expiry.
     */
    public boolean verify(String proof, String audience, String user, String groups, Instant now) {
      return valid(proof, audience, user, groups, now).isPresent();
    }

    /**
     * {@code proof}'s nonce and expiry when it was signed for exactly these values and {@code now}
     * is before its expiry; nothing otherwise.
     */
    public Optional<Valid> valid(
        String proof, String audience, String user, String groups, Instant now) {
      if (proof == null) {
        return Optional.empty();
      }
      String[] parts = proof.split("\\.", -1);
      if (parts.length != 3 || !NONCE.matcher(parts[1]).matches()) {
        return Optional.empty();
      }
      try {
        long seconds = Long.parseLong(parts[0]);
        Signature signature = Signature.getInstance(ALGORITHM);
        signature.initVerify(key);
        signature.update(message(audience, user, groups, seconds, parts[1]));
        boolean valid =
            signature.verify(Base64.getUrlDecoder().decode(parts[2]))
                && now.getEpochSecond() < seconds;
        return valid
            ? Optional.of(new Valid(parts[1], Instant.ofEpochSecond(seconds)))
            : Optional.empty();
      } catch (GeneralSecurityException
          | IllegalArgumentException e) { // a number or base64 that is not one
        return Optional.empty();
      }
    }
  }

  /**
   * What a valid proof tells besides the identity: its nonce, unique to it, and until when it is
   * good.
   */
  public record Valid(String nonce, Instant expires) {}

  private static byte[] message(
      String audience, String user, String groups, long expires, String nonce) {
    // Header values hold no line breaks, so the fields cannot run into each other; HTTP drops the
    // spaces around a value, so they are not signed.
    return String.join(
            "\n",
            VERSION,
            audience,
            user.strip(),
            groups == null ? "" : groups.strip(),
            Long.toString(expires),
            nonce)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The key's DER bytes from base64 or PEM (markers and line breaks ignored). */
  private static byte[] der(String key, String variable) {
    if (key == null || key.isBlank()) {
      throw new IllegalStateException(variable + " is empty");
    }
    String base64 = key.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          variable + " is neither base64 nor PEM: " + e.getMessage(), e);
    }
  }
}
