package dev.cluster.apps.apiproxy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes an API key from whatever an upstream sends back: some upstreams echo the request (its
 * query string, its headers) in error bodies or headers, and the key must never reach a client.
 *
 * <p>The key is found in every form an echo may give it, even mixed within one key: each character
 * as it is, percent-encoded in either case (once or twice), JSON-escaped ({@code \/}, {@code
 * \u002F}), as an HTML character reference, a {@code +} read as a form's space; and the key
 * base64-encoded (standard or URL alphabet, at any of the three alignments, as inside an {@code
 * Authorization: Basic} value). Bodies are searched byte for byte (as ISO-8859-1, one char per
 * byte), whatever their charset.
 */
final class KeyRedactor {
  static final String REDACTED = "[redacted]";

  /** Shorter base64 runs than this are not searched for: they would match by chance. */
  private static final int SHORTEST_BASE64_RUN = 8;

  private static final int CHARS = 256;

  private final Pattern key;

  /**
   * Which characters, and which pairs of them, a match can begin with (the text read as
   * ISO-8859-1): the pattern is tried only where one stands, so a body is searched at about the
   * speed of reading it.
   */
  private final boolean[] mayStart = new boolean[CHARS];

  private final boolean[] mayStartPair = new boolean[CHARS * CHARS];

  KeyRedactor(ApiKey key) {
    List<String> alternatives = new ArrayList<>();
    alternatives.add(anyEncodingOf(key.value()));
    for (String run : base64Runs(key.value().getBytes(StandardCharsets.US_ASCII))) {
      alternatives.add(Pattern.quote(run));
    }
    this.key = Pattern.compile(String.join("|", alternatives));
    for (char first = 0; first < CHARS; first++) {
      mayStart[first] = beginsMatch(String.valueOf(first));
      for (char second = 0; mayStart[first] && second < CHARS; second++) {
        mayStartPair[first * CHARS + second] = beginsMatch(String.valueOf(first) + second);
      }
    }
  }

  /** Whether {@code text} is a match, or would be the start of one if more followed. */
  private boolean beginsMatch(String text) {
    Matcher matcher = key.matcher(text);
    return matcher.lookingAt() || matcher.hitEnd();
  }

  UpstreamResponse redact(UpstreamResponse response) {
    List<Map.Entry<String, String>> headers =
        response.headers().stream().map(h -> Map.entry(h.getKey(), redact(h.getValue()))).toList();
    byte[] body = response.body();
    String bytes = new String(body, StandardCharsets.ISO_8859_1);
    String redacted = redact(bytes);
    return new UpstreamResponse(
        response.status(),
        headers,
        redacted == bytes ? body : redacted.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The text with every form of the key replaced; the very same string if it held none. */
  String redact(String text) {
    Matcher matcher = key.matcher(text);
    StringBuilder redacted = null;
    int copied = 0;
    for (int i = 0; i < text.length(); i++) {
      if (mayStartAt(text, i) && matcher.region(i, text.length()).lookingAt()) {
        if (redacted == null) {
          redacted = new StringBuilder(text.length());
        }
        redacted.append(text, copied, i).append(REDACTED);
        copied = matcher.end();
        i = copied - 1;
      }
    }
    return redacted == null ? text : redacted.append(text, copied, text.length()).toString();
  }

  private boolean mayStartAt(String text, int i) {
    char first = text.charAt(i);
    if (first >= CHARS || !mayStart[first]) {
      return false;
    }
    if (i + 1 == text.length()) {
      return true;
    }
    char second = text.charAt(i + 1);
    return second >= CHARS || mayStartPair[first * CHARS + second];
  }

  private static String anyEncodingOf(String key) {
    StringBuilder regex = new StringBuilder();
    for (char c : key.toCharArray()) {
      // Escaped forms before the character itself: at the key's end, the longer match must win.
      List<String> forms =
          new ArrayList<>(
              List.of(
                  "%" + hex(c),
                  "%25" + hex(c),
                  "\\\\u00" + hex(c),
                  "&#0*" + (int) c + ";",
                  "&#[xX]0*" + hex(c) + ";"));
      if (c == '"' || c == '\\' || c == '/') {
        forms.add("\\\\" + Pattern.quote(String.valueOf(c)));
      }
      if (c == '+') {
        forms.add(" ");
      }
      forms.add(Pattern.quote(String.valueOf(c)));
      regex.append("(?:").append(String.join("|", forms)).append(')');
    }
    return regex.toString();
  }

  /** Two hex digits of an ASCII character, each letter in either case. */
  private static String hex(char c) {
    StringBuilder regex = new StringBuilder();
    for (char digit : String.format("%02X", (int) c).toCharArray()) {
      regex.append(
          Character.isLetter(digit) ? "[" + digit + Character.toLowerCase(digit) + "]" : digit);
    }
    return regex.toString();
  }

  /**
   * The runs of base64 characters that stand for the key alone, wherever it starts within the
   * encoded bytes: the characters that also carry bits of the bytes before or after it differ from
   * case to case and are left out.
   */
  private static List<String> base64Runs(byte[] key) {
    List<String> runs = new ArrayList<>();
    List<Base64.Encoder> alphabets =
        List.of(Base64.getEncoder().withoutPadding(), Base64.getUrlEncoder().withoutPadding());
    for (Base64.Encoder encoder : alphabets) {
      for (int before = 0; before < 3; before++) {
        byte[] shifted = new byte[before + key.length];
        System.arraycopy(key, 0, shifted, before, key.length);
        String encoded = encoder.encodeToString(shifted);
        int first = (8 * before + 5) / 6;
        int end = 8 * (before + key.length) / 6;
        if (end - first >= SHORTEST_BASE64_RUN && !runs.contains(encoded.substring(first, end))) {
          runs.add(encoded.substring(first, end));
        }
      }
    }
    return runs;
  }
}
