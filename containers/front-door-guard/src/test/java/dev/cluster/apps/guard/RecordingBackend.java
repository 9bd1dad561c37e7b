package dev.cluster.apps.guard;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The app behind the guard, as a real HTTP server on 127.0.0.1: it records each request it gets
 * (method, raw path and query, headers) and answers with what it read of the body; a test may put
 * its own handler on a path.
 */
final class RecordingBackend implements AutoCloseable {
  /** One request as the app saw it. */
  record Seen(String method, String rawPath, String rawQuery, Headers headers, long bodyBytes) {}

  private final HttpServer server;
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  RecordingBackend() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          long bytes = drain(exchange.getRequestBody());
          record(exchange, bytes);
          answer(exchange, 200, "seen " + bytes + " bytes");
        });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /**
   * Serves {@code path} (and below) with {@code handler}; it should {@link #record} what it saw.
   */
  void handle(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  void record(HttpExchange exchange, long bodyBytes) {
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders(),
            bodyBytes));
  }

  static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  static long drain(InputStream body) throws IOException {
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = body.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
