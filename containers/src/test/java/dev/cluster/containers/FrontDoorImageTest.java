package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx accepts a routes file and sends each request to the backend its Host names; with {@code TLS_DOMAIN}
 * it serves a placeholder certificate until the replicas' shared {@code /etc/letsencrypt} holds one, then
 * that one, and each renewal after it.
 */
class FrontDoorImageTest {
  /** The health check's plain server and a TLS server on the certificate the generated blocks name. */
  private static final String TLS_SERVERS = """
      server { listen 127.0.0.1:%d; return 404; }
      server {
        listen 127.0.0.1:%d ssl;
        ssl_certificate /etc/nginx/tls/fullchain.pem;
        ssl_certificate_key /etc/nginx/tls/privkey.pem;
        return 200 "tls";
      }
      """;

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

  @Test
  void servesTheSharedCertificateOnceItArrives(@TempDir Path letsencrypt) throws Exception {
    String image = Podman.image("front-door");
    int http = Wait.freePort();
    int https = Wait.freePort();
    Files.writeString(confDir.resolve("tls.conf"), TLS_SERVERS.formatted(http, https));
    // Replica 2: it never asks Let's Encrypt itself, it takes what replica 1's certbot leaves in the volume.
    try (var frontDoor = Podman.run(image, List.of("-v", confDir + ":/etc/nginx/conf.d:ro,Z",
        "-v", letsencrypt + ":/etc/letsencrypt:Z", "-e", "HTTP_PORT=" + http, "-e", "TLS_DOMAIN=dev.example.com",
        "-e", "FRONT_DOOR_INSTANCE=2", "-e", "TLS_CHECK_SECONDS=1"))) {
      frontDoor.awaitHealthy(Duration.ofSeconds(30));
      assertEquals("CN=dev.example.com", subject(https), "the self-signed placeholder");

      for (int serial = 1; serial <= 2; serial++) {
        String cn = "renewal" + serial + ".dev.example.com";
        certbotLayout(letsencrypt, serial, cn);
        Wait.until(Duration.ofSeconds(30), "nginx serves " + cn, () -> subject(https).equals("CN=" + cn),
            frontDoor::logs);
      }
      assertFalse(frontDoor.logs().contains("certbot"), "only replica 1 renews:\n" + frontDoor.logs());
    }
  }

  /**
   * Replica 1 asks Let's Encrypt (here an ACME server that is not there, so no certificate is ordered and no
   * DNS record is touched); a failed renewal is logged and nginx keeps serving what it has.
   */
  @Test
  void theRenewingReplicaKeepsServingWhenCertbotFails(@TempDir Path letsencrypt) throws Exception {
    String image = Podman.image("front-door");
    int http = Wait.freePort();
    int https = Wait.freePort();
    Files.writeString(confDir.resolve("tls.conf"), TLS_SERVERS.formatted(http, https));
    try (var frontDoor = Podman.run(image, List.of("-v", confDir + ":/etc/nginx/conf.d:ro,Z",
        "-v", letsencrypt + ":/etc/letsencrypt:Z", "-e", "HTTP_PORT=" + http, "-e", "TLS_DOMAIN=dev.example.com",
        "-e", "FRONT_DOOR_INSTANCE=1", "-e", "TLS_CHECK_SECONDS=1",
        "-e", "CERTBOT_SERVER=http://127.0.0.1:" + Wait.freePort() + "/directory"))) {
      Wait.until(Duration.ofMinutes(2), "certbot's failure is logged", () -> frontDoor.logs().contains(
          "front-door: certbot failed; serving the current certificate"), frontDoor::logs);
      assertTrue(frontDoor.logs().contains("Saving debug log to /var/log/letsencrypt"), "certbot itself ran");
      assertEquals("CN=dev.example.com", subject(https), "still the placeholder");
      frontDoor.awaitHealthy(Duration.ofSeconds(30));
    }
  }

  /** What certbot writes: archive/<name>/*N.pem, and live/<name>/*.pem symlinks to the newest. */
  private static void certbotLayout(Path letsencrypt, int serial, String cn) throws IOException {
    Path archive = Files.createDirectories(letsencrypt.resolve("archive/dev.example.com"));
    Path live = Files.createDirectories(letsencrypt.resolve("live/dev.example.com"));
    Command.run(Duration.ofSeconds(60), List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
        "30", "-subj", "/CN=" + cn, "-keyout", archive.resolve("privkey" + serial + ".pem").toString(),
        "-out", archive.resolve("fullchain" + serial + ".pem").toString())).orFail();
    for (String name : List.of("privkey", "fullchain")) {
      Path link = live.resolve(name + ".pem");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of("../../archive/dev.example.com/" + name + serial + ".pem"));
    }
  }

  /** The subject of the certificate the server on 127.0.0.1:port presents, or "" when it presents none. */
  private static String subject(int port) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
      }
    } catch (IOException | java.security.GeneralSecurityException e) {
      return "";
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
