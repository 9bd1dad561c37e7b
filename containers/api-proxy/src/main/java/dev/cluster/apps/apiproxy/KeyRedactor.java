package dev.cluster.apps.apiproxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Removes an API key from whatever an upstream sends back: some upstreams echo the request (its query
 * string, its headers) in error bodies or headers, and the key must never reach a client.
 */
final class KeyRedactor {
  static final String REDACTED = "[redacted]";
  private static final byte[] REDACTED_BYTES = REDACTED.getBytes(StandardCharsets.US_ASCII);

  private final List<String> forms;

  KeyRedactor(ApiKey key) {
    this.forms = key.forms();
  }

  UpstreamResponse redact(UpstreamResponse response) {
    List<Map.Entry<String, String>> headers = response.headers().stream()
        .map(h -> Map.entry(h.getKey(), redact(h.getValue())))
        .toList();
    byte[] body = response.body();
    for (String form : forms) {
      body = replaceAll(body, form.getBytes(StandardCharsets.UTF_8));
    }
    return new UpstreamResponse(response.status(), headers, body);
  }

  String redact(String text) {
    String result = text;
    for (String form : forms) {
      result = result.replace(form, REDACTED);
    }
    return result;
  }

  private static byte[] replaceAll(byte[] haystack, byte[] needle) {
    int first = indexOf(haystack, needle, 0);
    if (first < 0) {
      return haystack;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(haystack.length);
    int from = 0;
    for (int at = first; at >= 0; at = indexOf(haystack, needle, from)) {
      out.write(haystack, from, at - from);
      out.writeBytes(REDACTED_BYTES);
      from = at + needle.length;
    }
    out.write(haystack, from, haystack.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
