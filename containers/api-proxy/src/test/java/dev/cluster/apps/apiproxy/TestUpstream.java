package dev.cluster.apps.apiproxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A paid API stand-in on 127.0.0.1: records every request it gets (its raw path and query), counts
 * hits per path and records the key each request carried, in the header {@code X-Api-Key} or the
 * query parameter {@code appid}. Every request is recorded, whatever its path: one the proxy should
 * never have sent shows up here.
 *
 * <ul>
 *   <li>{@code /v1/forecast/<city>}: 200, {@code Cache-Control: max-age=600}; in the client's
 *       {@code Accept-Language}, when it names one
 *   <li>{@code /v1/live}: 200, {@code Cache-Control: no-store}
 *   <li>{@code /v1/broken}: 500 echoing the query string and key header, as careless APIs do
 * </ul>
 */
final class TestUpstream implements AutoCloseable {
  /**
   * The stand-in upstream's own server logs the keys it receives, as it may: not the proxy's log.
   */
  private static final Logger SERVER_LOG = Logger.getLogger("com.sun.net.httpserver");

  static {
    SERVER_LOG.setLevel(Level.INFO);
  }

  private final HttpServer server;
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> keysSeen = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  private final Duration forecastDelay;

  TestUpstream() throws IOException {
    this(Duration.ZERO);
  }

  /** An upstream whose forecasts take {@code forecastDelay} to answer, as a remote API would. */
  TestUpstream(Duration forecastDelay) throws IOException {
    this.forecastDelay = forecastDelay;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int hits(String path) {
    return hits.getOrDefault(path, new AtomicInteger()).get();
  }

  List<String> keysSeen() {
    return List.copyOf(keysSeen);
  }

  /** Every request received, as its raw path and query came over the wire. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    String headerKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
    requests.add(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query));
    hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    if (headerKey != null) {
      keysSeen.add(headerKey);
    }
    if (query != null) {
      for (String param : query.split("&")) {
        if (param.startsWith("appid=")) {
          keysSeen.add(java.net.URLDecoder.decode(param.substring(6), StandardCharsets.UTF_8));
        }
      }
    }
    if (path.startsWith("/v1/forecast/")) {
      sleep(forecastDelay);
      exchange.getResponseHeaders().set("Cache-Control", "max-age=600");
      String language = exchange.getRequestHeaders().getFirst("Accept-Language");
      reply(
          exchange,
          200,
          "{\"city\":\""
              + path.substring("/v1/forecast/".length())
              + "\","
              + (language == null ? "" : "\"language\":\"" + language + "\",")
              + "\"hit\":"
              + hits(path)
              + "}");
    } else if (path.equals("/v1/live")) {
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      reply(exchange, 200, "{\"hit\":" + hits(path) + "}");
    } else if (path.equals("/v1/broken")) {
      exchange.getResponseHeaders().set("X-Echo-Query", String.valueOf(query));
      reply(
          exchange,
          500,
          "{\"error\":\"bad request\",\"query\":\"" + query + "\",\"key\":\"" + headerKey + "\"}");
    } else {
      reply(exchange, 404, "{}");
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
