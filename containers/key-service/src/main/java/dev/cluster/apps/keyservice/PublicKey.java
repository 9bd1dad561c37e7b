package dev.cluster.apps.keyservice;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * An OpenSSH public key line ({@code <type> <base64 blob> [comment]}) that sshd will accept and
 * that is strong enough: ed25519, ECDSA (P-256/384/521), or RSA of at least {@link #MIN_RSA_BITS}
 * bits. The blob is decoded here (RFC 4253 strings and mpints), never handed to another program,
 * and its own type must match the line's.
 */
public record PublicKey(String type, String blob, String comment, int bits) {
  public static final int MIN_RSA_BITS = 3072;
  private static final Map<String, String> CURVES =
      Map.of(
          "ecdsa-sha2-nistp256",
          "nistp256",
          "ecdsa-sha2-nistp384",
          "nistp384",
          "ecdsa-sha2-nistp521",
          "nistp521");
  private static final int MAX_LINE = 16 * 1024;

  /** Why a key line is refused, in words for the person who pasted it. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  public static PublicKey parse(String line) throws Refused {
    if (line == null || line.isBlank()) {
      throw new Refused(
          "paste a public key: one line such as \"ssh-ed25519 AAAAC3Nz... you@laptop\"");
    }
    if (line.length() > MAX_LINE || line.strip().contains("\n")) {
      throw new Refused("paste exactly one public key line (the contents of your .pub file)");
    }
    if (line.contains("PRIVATE KEY")) {
      throw new Refused(
          "this is a private key: keep it to yourself, and paste the line of the .pub file instead");
    }
    String[] parts = line.strip().split("\\s+", 3);
    if (parts.length < 2) {
      throw new Refused(
          "a public key line is \"<type> <key> [comment]\"; this has no key after \""
              + parts[0]
              + "\"");
    }
    String type = parts[0];
    String comment = parts.length == 3 ? parts[2].replaceAll("[^\\x20-\\x7e]", "") : "";
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new Refused("the key part is not base64: copy the whole line of your .pub file");
    }
    ByteBuffer in = ByteBuffer.wrap(blob);
    try {
      String blobType = string(in);
      if (!blobType.equals(type)) {
        throw new Refused("the key says it is " + type + " but its data is " + blobType);
      }
      int bits =
          switch (type) {
            case "ssh-ed25519" -> {
              if (bytes(in).length != 32) {
                throw new Refused("an ssh-ed25519 key is 32 bytes; this one is not");
              }
              yield 256;
            }
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> {
              String curve = string(in);
              if (!curve.equals(CURVES.get(type))) {
                throw new Refused(
                    "an " + type + " key is on curve " + CURVES.get(type) + ", not " + curve);
              }
              bytes(in);
              yield Integer.parseInt(curve.substring("nistp".length()));
            }
            case "ssh-rsa" -> {
              BigInteger exponent = new BigInteger(bytes(in));
              BigInteger modulus = new BigInteger(bytes(in));
              if (exponent.signum() <= 0 || modulus.signum() <= 0) {
                throw new Refused("this RSA key's numbers are malformed");
              }
              if (modulus.bitLength() < MIN_RSA_BITS) {
                throw new Refused(
                    "this RSA key has "
                        + modulus.bitLength()
                        + " bits; RSA keys need at least "
                        + MIN_RSA_BITS
                        + " (make one with ssh-keygen -t ed25519, or -t rsa -b 4096)");
              }
              yield modulus.bitLength();
            }
            case "ssh-dss" ->
                throw new Refused(
                    "DSA keys are too weak and OpenSSH no longer accepts them; use ed25519");
            default ->
                throw new Refused(
                    "unsupported key type "
                        + type
                        + "; use ssh-ed25519, ecdsa-sha2-nistp256/384/521,"
                        + " or ssh-rsa of at least "
                        + MIN_RSA_BITS
                        + " bits");
          };
      if (in.hasRemaining()) {
        throw new Refused(
            "the key has " + in.remaining() + " bytes of trailing data; copy the exact .pub line");
      }
      return new PublicKey(type, parts[1], comment, bits);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new Refused(
          "the key data is truncated or malformed; copy the whole line of your .pub file");
    }
  }

  /** {@code SHA256:<unpadded base64>}, as {@code ssh-keygen -lf} and sshd's logs print it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(blob));
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The line sshd reads from AuthorizedKeysCommand. */
  public String authorizedKeysLine() {
    return type + " " + blob + (comment.isEmpty() ? "" : " " + comment);
  }

  private static String string(ByteBuffer in) {
    return new String(bytes(in), StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] out = new byte[length];
    in.get(out);
    return Arrays.copyOf(out, length);
  }
}
