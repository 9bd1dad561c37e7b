package dev.cluster.apps.apiproxy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Calls an upstream API with its key added, and hands back its answer with the key scrubbed out. */
final class Upstream {
  /** Client headers an upstream may see; the front door's identity headers and cookies stay here. */
  static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Accept", "Accept-Language", "Content-Type");
  private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of(
      "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "set-cookie",
      "proxy-authenticate", "trailer", "te");

  /**
   * The JDK's HTTP client logs each request's URI when debug logging is on: with the key in the query,
   * that is the key. Its loggers are silenced for good, whatever level the rest of the app logs at (held
   * here, as java.util.logging only keeps loggers that someone references).
   */
  private static final List<Logger> SILENCED = silence("jdk.internal.httpclient.debug", "jdk.httpclient.HttpClient");

  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();

  /** One client request, as the proxy forwards it. */
  record Call(String method, String below, String query, Map<String, String> headers, byte[] body) {}

  UpstreamResponse send(ProxiedApi api, Call call) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(api, call))
        .timeout(Duration.ofSeconds(30))
        .method(call.method(), call.body().length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(call.body()));
    call.headers().forEach(request::header);
    if (api.keyIn() == ProxiedApi.KeyLocation.HEADER) {
      request.setHeader(api.keyName(), api.key().value());
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    List<Map.Entry<String, String>> headers = response.headers().map().entrySet().stream()
        .filter(h -> !h.getKey().startsWith(":") && !DROPPED_RESPONSE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)))
        .flatMap(h -> h.getValue().stream().map(v -> Map.entry(h.getKey(), v)))
        .toList();
    return new KeyRedactor(api.key()).redact(new UpstreamResponse(response.statusCode(), headers, response.body()));
  }

  private static List<Logger> silence(String... names) {
    List<Logger> loggers = Arrays.stream(names).map(Logger::getLogger).toList();
    loggers.forEach(logger -> logger.setLevel(Level.OFF));
    return loggers;
  }

  /** The upstream URL: its base, the path below the prefix, the client's query minus any key of its own. */
  static URI uri(ProxiedApi api, Call call) {
    String encodedKeyName = URLEncoder.encode(api.keyName(), StandardCharsets.UTF_8);
    String query = Arrays.stream(call.query().split("&"))
        .filter(p -> !p.isEmpty())
        .filter(p -> api.keyIn() != ProxiedApi.KeyLocation.QUERY || !p.split("=", 2)[0].equals(encodedKeyName))
        .collect(Collectors.joining("&"));
    if (api.keyIn() == ProxiedApi.KeyLocation.QUERY) {
      String keyParam = encodedKeyName + "=" + URLEncoder.encode(api.key().value(), StandardCharsets.UTF_8);
      query = query.isEmpty() ? keyParam : query + "&" + keyParam;
    }
    return URI.create(api.upstream() + call.below() + (query.isEmpty() ? "" : "?" + query));
  }
}
