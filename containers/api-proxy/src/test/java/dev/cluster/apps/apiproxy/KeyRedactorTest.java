package dev.cluster.apps.apiproxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every form an upstream's echo may give the key is redacted; the text around it is left as it was.
 */
class KeyRedactorTest {
  // '+' and '/' (which encodings change), a '"' and a '\' (which JSON escapes).
  private static final String KEY = "wk-5f3a+9c/1e\"7b\\";
  private final KeyRedactor redactor = new KeyRedactor(new ApiKey(KEY));

  @Test
  void theKeyInEveryEncodingAnEchoMayUseIsRedacted() {
    List<String> forms =
        List.of(
            KEY,
            "wk-5f3a%2B9c%2F1e%227b%5C",
            "wk-5f3a%2b9c%2f1e%227b%5c",
            "wk-5f3a%2b9c%2F1e%227b%5C",
            "%77%6B%2D%35%66%33%61%2B%39%63%2F%31%65%22%37%62%5C",
            "wk-5f3a%252B9c%252F1e%25227b%255C",
            "wk-5f3a 9c/1e\"7b\\",
            "wk-5f3a+9c\\/1e\\\"7b\\\\",
            "wk-5f3a\\u002b9c\\u002F1e\\u00227b\\u005c",
            "wk-5f3a&#43;9c&#x2F;1e&#34;7b&#92;");
    for (String form : forms) {
      assertEquals(
          "{\"echo\":\"appid=[redacted]&q=1\"}",
          redactor.redact("{\"echo\":\"appid=" + form + "&q=1\"}"),
          form);
    }
  }

  @Test
  void theKeyBase64EncodedAsInABasicAuthorizationIsRedacted() {
    for (String user : List.of("", "u", "us", "user")) {
      byte[] credentials = (user + ":" + KEY).getBytes(StandardCharsets.US_ASCII);
      for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
        String echo = "Authorization: Basic " + encoder.encodeToString(credentials);
        String redacted = redactor.redact(echo);
        assertTrue(redacted.contains(KeyRedactor.REDACTED), echo + " -> " + redacted);
        // Left: at most the characters that also carry the user's part, and the few that end the
        // value.
        String left =
            redacted
                .substring("Authorization: Basic ".length())
                .replace(KeyRedactor.REDACTED, "")
                .replace("=", "");
        assertTrue(left.length() <= (user.length() + 1) * 4 / 3 + 1 + 3, echo + " -> " + redacted);
      }
    }
  }

  @Test
  void bodiesAreRedactedByteForByteAndLeftAloneWithoutTheKey() {
    byte[] clean = "{\"name\":\"Tromsø\"}".getBytes(StandardCharsets.UTF_8);
    UpstreamResponse untouched =
        redactor.redact(new UpstreamResponse(200, List.of(Map.entry("X-A", "b")), clean));
    assertArrayEquals(clean, untouched.body());
    byte[] echo =
        ("{\"city\":\"Tromsø\",\"key\":\""
                + KEY.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    UpstreamResponse redacted =
        redactor.redact(
            new UpstreamResponse(500, List.of(Map.entry("X-Echo", "appid=" + KEY)), echo));
    assertEquals(
        "{\"city\":\"Tromsø\",\"key\":\"[redacted]\"}",
        new String(redacted.body(), StandardCharsets.UTF_8));
    assertEquals("appid=[redacted]", redacted.header("X-Echo").orElseThrow());
  }
}
