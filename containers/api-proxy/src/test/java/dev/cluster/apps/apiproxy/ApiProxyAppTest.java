package dev.cluster.apps.apiproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.Settings;
import dev.cluster.apps.common.testing.CapturedLog;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy over real HTTP, with a real redis-server and a local upstream, both on 127.0.0.1. */
class ApiProxyAppTest {
  // '+' and '/' so the URL-encoded form of the key is tested too.
  private static final String WEATHER_KEY = "wk-5f3a+9c/1e7b";
  private static final String MAPS_KEY = "mk-0b8d4c2a";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private CapturedLog log;
  private RedisServer redis;
  private TestUpstream upstream;
  private ApiProxyApp proxy;
  private ProxyConfig proxyConfig;
  private Clock clock;

  @BeforeEach
  void start() throws Exception {
    log = new CapturedLog();
    redis = RedisServer.start(dir);
    upstream = new TestUpstream();
    Path config = dir.resolve("api-proxy.json");
    // As ApiProxyConfigGenerator writes it.
    Files.writeString(
        config,
        """
        {
          "service" : "apis",
          "apis" : [
            { "prefix" : "/maps", "upstream" : "%1$s", "keyEnv" : "MAPS_KEY", "keyIn" : "header",
              "keyName" : "X-Api-Key", "cacheSeconds" : 60, "methods" : [ "GET", "POST" ],
              "paths" : [ "/**" ], "ratePerMinute" : 3 },
            { "prefix" : "/weather", "upstream" : "%1$s", "keyEnv" : "WEATHER_API_KEY", "keyIn" : "query",
              "keyName" : "appid", "cacheSeconds" : 300, "methods" : [ "GET" ],
              "paths" : [ "/forecast/*", "/live", "/broken" ], "ratePerMinute" : 100 }
          ]
        }
        """
            .formatted(upstream.baseUrl()));
    Settings env =
        new Settings(
            Map.of(
                "WEATHER_API_KEY",
                WEATHER_KEY,
                "MAPS_KEY",
                MAPS_KEY,
                ProxyConfig.ALLOW_HTTP_LOOPBACK,
                "true"));
    // A fixed clock: the rate window cannot roll over in the middle of a test.
    clock = Clock.fixed(Instant.parse("2026-01-05T09:00:10Z"), ZoneOffset.UTC);
    proxyConfig = ProxyConfig.read(config, env);
    proxy =
        new ApiProxyApp(proxyConfig, 0, "127.0.0.1", redis.port(), clock, TestFrontDoor.trust());
  }

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
    if (redis != null) {
      redis.close();
    }
    log.close();
  }

  @Test
  void theKeyReachesTheUpstreamButNeverTheClientNorTheLog() throws Exception {
    HttpResponse<String> forecast = get("/weather/forecast/oslo?units=metric", "alice");
    assertEquals(200, forecast.statusCode());
    assertEquals("{\"city\":\"oslo\",\"hit\":1}", forecast.body());
    HttpResponse<String> maps = get("/maps/tiles/1/2", "alice");
    assertEquals(404, maps.statusCode(), "the upstream's own 404 passes through");
    // A client that sends its own appid does not get to replace the key.
    HttpResponse<String> echoed = get("/weather/broken?q=oslo&appid=mine", "alice");
    assertEquals(500, echoed.statusCode());

    assertEquals(List.of(WEATHER_KEY, MAPS_KEY, WEATHER_KEY), upstream.keysSeen());
    assertTrue(echoed.body().contains("[redacted]"), echoed.body());
    for (HttpResponse<String> response : List.of(forecast, maps, echoed)) {
      assertNoKey(response.body());
      assertNoKey(response.headers().map().toString());
    }
    assertTrue(
        log.text().contains("GET /weather/broken 500"),
        "the access log is captured: " + log.text());
    assertNoKey(log.text());
  }

  @Test
  void aSecondGetIsServedFromRedis() throws Exception {
    HttpResponse<String> first = get("/weather/forecast/bergen", "alice");
    HttpResponse<String> second = get("/weather/forecast/bergen", "bob");
    assertEquals(
        "MISS", first.headers().firstValue(ProxyHandler.CACHE_STATUS_HEADER).orElseThrow());
    assertEquals(
        "HIT", second.headers().firstValue(ProxyHandler.CACHE_STATUS_HEADER).orElseThrow());
    assertEquals(first.body(), second.body());
    assertEquals("max-age=600", second.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(1, upstream.hits("/v1/forecast/bergen"));
  }

  @Test
  void noStoreIsHonoured() throws Exception {
    assertEquals("{\"hit\":1}", get("/weather/live", "alice").body());
    assertEquals("{\"hit\":2}", get("/weather/live", "alice").body());
    assertEquals(2, upstream.hits("/v1/live"));
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(404, get("/maps/nothing", "alice").statusCode());
    }
    HttpResponse<String> over = get("/maps/nothing", "alice");
    assertEquals(429, over.statusCode());
    assertEquals(
        "50",
        over.headers().firstValue("Retry-After").orElseThrow(),
        "the clock minute ends in 50 s");
    assertEquals(
        404, get("/maps/nothing", "bob").statusCode(), "each user has a rate of their own");
    assertEquals(
        4,
        upstream.hits("/v1/nothing"),
        "alice's three and bob's one: the refused request never reached it");
  }

  /** A proxy on an open route (given no proof key) serves anyone, counted by address. */
  @Test
  void clientsWithoutASignedInUserAreCountedByAddress() throws Exception {
    proxy.close();
    proxy =
        new ApiProxyApp(proxyConfig, 0, "127.0.0.1", redis.port(), clock, FrontDoorTrust.NOBODY);
    for (int i = 0; i < 3; i++) {
      assertEquals(404, get("/maps/anon", null).statusCode());
    }
    assertEquals(429, get("/maps/anon", null).statusCode());
  }

  /**
   * Behind the sign-in, only the front door's users spend the keys: a forged identity or none at
   * all, sent straight to the proxy's port, is refused and reaches no upstream.
   */
  @Test
  void aForgedIdentityOrNoneSentStraightToThePortIsRefused() throws Exception {
    HttpRequest.Builder forged =
        HttpRequest.newBuilder(uri("/weather/forecast/oslo"))
            .header(FrontDoorIdentity.USER_HEADER, "alice")
            .header(FrontDoorIdentity.GROUPS_HEADER, "developers");
    assertEquals(401, http.send(forged.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(
        401,
        http.send(
                forged.header(FrontDoorProof.HEADER, "9999999999.forged").build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(401, get("/weather/forecast/oslo", null).statusCode());
    assertEquals(0, upstream.hits("/v1/forecast/oslo"));
    assertEquals(200, get("/weather/forecast/oslo", "alice").statusCode());
  }

  @Test
  void undeclaredApisAndPathsAre404AndUndeclaredMethods405() throws Exception {
    assertEquals(404, get("/nowhere/x", "alice").statusCode());
    assertEquals(404, get("/weather/history/oslo", "alice").statusCode());
    assertEquals(404, get("/weatherx/forecast/oslo", "alice").statusCode());
    HttpResponse<String> post =
        http.send(
            TestFrontDoor.signedIn(
                    HttpRequest.newBuilder(uri("/weather/forecast/oslo")), "alice", "developers")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    assertEquals(0, upstream.hits("/v1/history/oslo") + upstream.hits("/v1/forecast/oslo"));
  }

  /**
   * Characters a URL carries only percent-encoded, and a broken escape: each once made the proxy
   * fail building the upstream URL, and log that URL, key and all.
   */
  @Test
  void aQueryAUrlCannotCarryIs400AndLeavesNoKeyInTheLog() throws Exception {
    Map<String, RawResponse> responses = new java.util.LinkedHashMap<>();
    for (String query :
        List.of("q=a|b", "q=a^b", "q=a\"b", "q=a\\b", "q=a`b", "q=%zz", "q=a%2", "q=a{b}")) {
      responses.put(query, rawGet("/weather/forecast/oslo?" + query));
    }
    assertTrue(
        log.text().contains("GET /weather/forecast/oslo "),
        "the access log is captured: " + log.text());
    assertNoKey(log.text());
    responses.forEach(
        (query, response) -> {
          assertEquals(400, response.status(), query + ": " + response);
          assertTrue(
              response.body().contains("query string"),
              "the answer says what is wrong: " + response);
          assertNoKey(response.body());
        });
    assertEquals(List.of(), upstream.requests(), "nothing was sent upstream");
  }

  /**
   * Encoded separators and dot segments that an upstream would resolve to a path the allowlist
   * never saw.
   */
  @Test
  void pathsThatCouldEscapeTheAllowlistAre400AndNeverReachTheUpstream() throws Exception {
    List<String> escapes =
        List.of(
            "/weather/forecast/..%2f..%2faccount%2fbilling",
            "/weather/forecast/..%2F..%2Faccount%2Fbilling",
            "/weather/forecast/%2e%2e%2f%2e%2e%2faccount",
            "/weather/forecast/%2E%2E",
            "/weather/forecast/%2e",
            "/weather/forecast/..%252f..%252faccount",
            "/weather/forecast/%252e%252e",
            "/weather/forecast/..%5c..%5caccount",
            "/weather/forecast/..%5C..%5Caccount",
            "/weather/forecast/..;",
            "/weather/forecast/%2e%2e;x=1",
            "/weather/forecast/oslo%0d%0aX-Injected:%20yes",
            "/weather/forecast/%c0%ae%c0%ae");
    for (String path : escapes) {
      RawResponse response = rawGet(path);
      assertEquals(400, response.status(), path + ": " + response);
      assertTrue(
          response.body().contains("path segment 3"),
          "the answer says what is wrong: " + path + ": " + response);
    }
    // Dot segments sent as they are: whatever the server makes of them, the upstream never hears of
    // them.
    for (String path :
        List.of(
            "/weather/forecast/..",
            "/weather/forecast/.",
            "/weather/forecast/../../account/billing",
            "/weather/live/../forecast/oslo",
            "/weather/forecast/.%2e/x")) {
      RawResponse response = rawGet(path);
      assertTrue(response.status() == 400 || response.status() == 404, path + ": " + response);
    }
    assertEquals(List.of(), upstream.requests(), "nothing was sent upstream");
    String saoPaulo = "/forecast/s%C3%A3o%20paulo";
    assertEquals(
        200,
        rawGet("/weather" + saoPaulo).status(),
        "an encoded name that is no trick goes through");
    String key = URLEncoder.encode(WEATHER_KEY, StandardCharsets.UTF_8);
    assertEquals(List.of("/v1" + saoPaulo + "?appid=" + key), upstream.requests());
    assertNoKey(log.text());
  }

  /**
   * The upstream answers in the language asked for: one cached answer must not serve another
   * language.
   */
  @Test
  void requestsDifferingOnlyInAcceptLanguageGetTheirOwnAnswers() throws Exception {
    HttpResponse<String> norwegian =
        get("/weather/forecast/tromso", "alice", Map.of("Accept-Language", "nb"));
    HttpResponse<String> english =
        get("/weather/forecast/tromso", "alice", Map.of("Accept-Language", "en"));
    HttpResponse<String> norwegianAgain =
        get("/weather/forecast/tromso", "bob", Map.of("Accept-Language", "nb"));
    assertEquals("{\"city\":\"tromso\",\"language\":\"nb\",\"hit\":1}", norwegian.body());
    assertEquals("{\"city\":\"tromso\",\"language\":\"en\",\"hit\":2}", english.body());
    assertEquals(
        "MISS", english.headers().firstValue(ProxyHandler.CACHE_STATUS_HEADER).orElseThrow());
    assertEquals(norwegian.body(), norwegianAgain.body());
    assertEquals(
        "HIT", norwegianAgain.headers().firstValue(ProxyHandler.CACHE_STATUS_HEADER).orElseThrow());
    assertEquals(2, upstream.hits("/v1/forecast/tromso"));
  }

  private static void assertNoKey(String text) {
    for (String key :
        List.of(WEATHER_KEY, MAPS_KEY, "wk-5f3a%2B9c%2F1e7b", "wk-5f3a%2b9c%2f1e7b")) {
      assertFalse(text.contains(key), "a key leaked into: " + text);
    }
  }

  private HttpResponse<String> get(String path, String user) throws Exception {
    return get(path, user, Map.of());
  }

  private HttpResponse<String> get(String path, String user, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    headers.forEach(request::header);
    if (user != null) {
      TestFrontDoor.signedIn(request, user, "developers");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  record RawResponse(int status, String body) {}

  /**
   * A GET whose request line goes out byte for byte as given: no client library to refuse or tidy
   * it.
   */
  private RawResponse rawGet(String pathAndQuery) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      socket.setSoTimeout(30_000);
      StringBuilder identity = new StringBuilder();
      TestFrontDoor.identity("alice", "developers")
          .forEach(
              (name, value) -> identity.append(name).append(": ").append(value).append("\r\n"));
      String request =
          "GET "
              + pathAndQuery
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + identity
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int headersEnd = response.indexOf("\r\n\r\n");
      return new RawResponse(
          Integer.parseInt(response.substring(9, 12)),
          headersEnd < 0 ? "" : response.substring(headersEnd + 4));
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + proxy.port() + path);
  }
}
