package dev.cluster.apps.authgateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie's value: {@code <session id>.<HMAC-SHA256 of the id>} under a key made at
 * start, so a value the gateway did not issue is refused before any lookup. Sessions live in
 * memory, so a restart ends them all anyway and the key need not outlive the process.
 */
public final class SessionCookie {
  public static final String NAME = "front_door_session";

  private final SecretKeySpec key;

  public SessionCookie() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  public String sign(String sessionId) {
    return sessionId + "." + mac(sessionId);
  }

  public Optional<String> verify(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int dot = value.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String id = value.substring(0, dot);
    byte[] expected = mac(id).getBytes(StandardCharsets.US_ASCII);
    byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given) ? Optional.of(id) : Optional.empty();
  }

  private String mac(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(id.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
