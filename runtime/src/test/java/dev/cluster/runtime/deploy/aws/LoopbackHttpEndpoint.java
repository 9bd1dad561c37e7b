package dev.cluster.runtime.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cluster.runtime.local.aws.QueryForm;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Not AWS: the HTTP server under every in-process endpoint of these tests, on 127.0.0.1 and a free
 * port. Each subclass answers one service's wire protocol in {@link #handle}; the encodings AWS's
 * protocols share are here.
 */
abstract class LoopbackHttpEndpoint implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  LoopbackHttpEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers one request and closes the exchange. */
  protected abstract void handle(HttpExchange exchange) throws IOException;

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /**
   * A form-encoded body (the query protocols' {@code Action=...}) or a query string: name to
   * decoded value.
   */
  protected static Map<String, String> form(String encoded) {
    return QueryForm.parse(encoded);
  }

  /** An XML answer (the query and REST-XML protocols). */
  protected static void send(HttpExchange exchange, int status, String xml) throws IOException {
    send(exchange, status, "text/xml;charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
  }

  /** A JSON answer of the {@code X-Amz-Target} protocols (ECR, Secrets Manager). */
  protected static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    send(exchange, status, "application/x-amz-json-1.1", JSON.writeValueAsBytes(body));
  }

  /** A plain-text answer (the instance metadata service's). */
  protected static void sendText(HttpExchange exchange, int status, String text)
      throws IOException {
    send(exchange, status, "text/plain", text.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
