package dev.cluster.apps.apiproxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An upstream API key: never printed, and {@link #forms()} lists how it can appear in an echo. */
public record ApiKey(String value) {
  public ApiKey {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("an API key is not empty");
    }
  }

  /** The key as sent, and as a URL query would carry it. */
  public List<String> forms() {
    String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
    return encoded.equals(value) ? List.of(value) : List.of(value, encoded, encoded.replace("+", "%20"));
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
