package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nginx accepts a routes file and sends each request to the backend its Host names. */
class FrontDoorImageTest {
  @TempDir
  Path confDir;

  @Test
  void routesByHostName() throws IOException {
    String image = Podman.image("front-door");
    HttpServer wiki = backend("wiki backend");
    HttpServer review = backend("review backend");
    int port = Wait.freePort();
    try {
      String routes = Files.readString(Podman.CONTAINERS.resolve("src/test/resources/front-door/routes.conf"))
          .replace("@PORT@", String.valueOf(port))
          .replace("@WIKI_PORT@", String.valueOf(wiki.getAddress().getPort()))
          .replace("@REVIEW_PORT@", String.valueOf(review.getAddress().getPort()));
      Files.writeString(confDir.resolve("routes.conf"), routes);
      try (var frontDoor = Podman.run(image, List.of("-v", confDir + ":/etc/nginx/conf.d:ro,Z",
          "-e", "HTTP_PORT=" + port))) {
        assertEquals(0, frontDoor.exec("nginx", "-t").exit(), () -> frontDoor.exec("nginx", "-t").describe());
        frontDoor.awaitHealthy(Duration.ofSeconds(30));
        assertEquals("200 wiki backend saw wiki.dev.example.com", get(port, "wiki.dev.example.com"));
        assertEquals("200 review backend saw review.dev.example.com", get(port, "review.dev.example.com"));
        assertEquals(404, Integer.parseInt(get(port, "unknown.dev.example.com").substring(0, 3)));
      }
    } finally {
      wiki.stop(0);
      review.stop(0);
    }
  }

  /** A backend on 127.0.0.1 that answers with its name and the Host it was asked for. */
  private static HttpServer backend(String name) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = (name + " saw " + exchange.getRequestHeaders().getFirst("Host")).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static String get(int port, String host) {
    Http.Response response = Http.get(port, host, "/");
    return response.status() + " " + response.body();
  }
}
