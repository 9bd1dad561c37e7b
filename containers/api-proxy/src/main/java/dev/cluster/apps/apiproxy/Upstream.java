package dev.cluster.apps.apiproxy;

import dev.cluster.apps.common.PinnedLoggers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls an upstream API with its key added, and hands back its answer with the key scrubbed out.
 */
final class Upstream {
  /**
   * Client headers an upstream may see; the front door's identity headers and cookies stay here.
   * Each may change the upstream's answer, so each is part of the cache key too ({@link
   * ResponseCache#key}).
   */
  static final List<String> FORWARDED_REQUEST_HEADERS =
      List.of("Accept", "Accept-Language", "Content-Type");

  private static final Set<String> DROPPED_RESPONSE_HEADERS =
      Set.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "upgrade",
          "set-cookie",
          "proxy-authenticate",
          "trailer",
          "te");

  /**
   * The JDK's HTTP client logs each request's URI when debug logging is on: with the key in the
   * query, that is the key. Its loggers are silenced for good, whatever level the rest of the app
   * logs at.
   */
  private static final List<Logger> SILENCED =
      PinnedLoggers.at(Level.OFF, "jdk.internal.httpclient.debug", "jdk.httpclient.HttpClient");

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** Each key's redactor, built once: finding every form of a key takes a compiled pattern. */
  private final Map<ApiKey, KeyRedactor> redactors = new ConcurrentHashMap<>();

  /** One client request, as the proxy forwards it. */
  record Call(
      String method, String below, ClientQuery query, Map<String, String> headers, byte[] body) {}

  UpstreamResponse send(ProxiedApi api, Call call) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(api, call))
            .timeout(Duration.ofSeconds(30))
            .method(
                call.method(),
                call.body().length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(request::header);
    if (api.keyIn() == ProxiedApi.KeyLocation.HEADER) {
      request.setHeader(api.keyName(), api.key().value());
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    List<Map.Entry<String, String>> headers =
        response.headers().map().entrySet().stream()
            .filter(
                h ->
                    !h.getKey().startsWith(":")
                        && !DROPPED_RESPONSE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)))
            .flatMap(h -> h.getValue().stream().map(v -> Map.entry(h.getKey(), v)))
            .toList();
    return redactors
        .computeIfAbsent(api.key(), KeyRedactor::new)
        .redact(new UpstreamResponse(response.statusCode(), headers, response.body()));
  }

  /**
   * The upstream URL, built from checked parts: its base, the decoded path below the prefix encoded
   * afresh, the client's query minus any key of its own, and the key. Never put into a log or an
   * exception message.
   */
  static URI uri(ProxiedApi api, Call call) {
    ClientQuery query = call.query();
    String text = api.upstream() + RequestPath.encode(call.below());
    if (api.keyIn() == ProxiedApi.KeyLocation.QUERY) {
      String keyParam =
          URLEncoder.encode(api.keyName(), StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(api.key().value(), StandardCharsets.UTF_8);
      String others = query.without(api.keyName()).text();
      text += "?" + (others.isEmpty() ? keyParam : others + "&" + keyParam);
    } else if (!query.parameters().isEmpty()) {
      text += "?" + query.text();
    }
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      // Neither the text nor the exception: both hold the key.
      throw new IllegalStateException(
          "the upstream URI of " + api.prefix() + " could not be built");
    }
  }
}
