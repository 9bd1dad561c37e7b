package dev.cluster.apps.apiproxy;

/**
 * An upstream API key: never printed. Printable ASCII without spaces, as an HTTP header or a URL
 * carries it, so that {@link KeyRedactor} knows every form it can take in an echo.
 */
public record ApiKey(String value) {
  public ApiKey {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("an API key is not empty");
    }
    if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // Never the key itself in the message.
      throw new IllegalArgumentException("an API key is printable ASCII without spaces");
    }
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
