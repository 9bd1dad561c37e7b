package dev.cluster.apps.filedrop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret part of a download link: 256 random bits, base64url. Whoever holds it may download, so
 * it is stored only as its SHA-256 ({@link #storageKey()}): the volume (synced to every replica)
 * never holds a working link.
 */
public record DropToken(String value) {
  private static final int BYTES = 32;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

  public static DropToken generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new DropToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** A token as it arrives in a link; anything not shaped like one is no token. */
  public static Optional<DropToken> parse(String text) {
    return text != null && SHAPE.matcher(text).matches()
        ? Optional.of(new DropToken(text))
        : Optional.empty();
  }

  public String storageKey() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "DropToken[" + storageKey().substring(0, 8) + "...]";
  }
}
