package dev.cluster.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A plain HTTP/1.0 GET on 127.0.0.1 with any Host header (the JDK's client refuses to set Host),
 * read to the end of the connection: HTTP/1.0 answers have no chunked encoding.
 */
final class Http {
  private Http() {}

  record Response(int status, String headers, String body) {}

  static Response get(int port, String host, String path) {
    return get(port, host, path, Map.of());
  }

  /** The same with more request headers (the front door's identity and proof). */
  static Response get(int port, String host, String path, Map<String, String> headers) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      StringBuilder request =
          new StringBuilder(
              "GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nConnection: close\r\n");
      headers.forEach(
          (name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      socket.getOutputStream().write((request + "\r\n").getBytes(StandardCharsets.UTF_8));
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int split = raw.indexOf("\r\n\r\n");
      if (!raw.startsWith("HTTP/") || split < 0) {
        throw new AssertionError("not an HTTP answer from 127.0.0.1:" + port + ": " + raw);
      }
      return new Response(
          Integer.parseInt(raw.substring(9, 12)),
          raw.substring(0, split),
          raw.substring(split + 4));
    } catch (IOException e) {
      throw new UncheckedIOException("GET http://" + host + path + " on port " + port, e);
    }
  }
}
