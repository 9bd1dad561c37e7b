package dev.cluster.runtime.accounts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP server on 127.0.0.1 answering the key service's {@code GET /authorized-keys/<user>}
 * as containers/key-service does: 401 without the bearer token, else 200 with the user's
 * authorized_keys lines (empty for a user with none). The key service itself is an app of the
 * containers module, which depends on this one.
 */
final class KeyServiceEndpoint implements AutoCloseable {
  static final String TOKEN = "keys-read-token-for-tests-0123456789";

  private final HttpServer server;
  private final Map<String, String> keys = new ConcurrentHashMap<>();

  private KeyServiceEndpoint(HttpServer server) {
    this.server = server;
  }

  static KeyServiceEndpoint start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    KeyServiceEndpoint endpoint = new KeyServiceEndpoint(server);
    server.createContext("/authorized-keys/", endpoint::answer);
    server.start();
    return endpoint;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void put(String user, String authorizedKeysLine) {
    keys.put(user, authorizedKeysLine.strip() + "\n");
  }

  void remove(String user) {
    keys.remove(user);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String user = exchange.getRequestURI().getPath().substring("/authorized-keys/".length());
    boolean authorized =
        ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body =
        authorized ? keys.getOrDefault(user, "").getBytes(StandardCharsets.UTF_8) : new byte[0];
    exchange.sendResponseHeaders(authorized ? 200 : 401, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
