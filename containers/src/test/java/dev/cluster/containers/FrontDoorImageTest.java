package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nginx accepts team-cluster's generated routes and sends each request to the backend its Host
 * names; with {@code TLS_DOMAIN} it serves a placeholder certificate until the replicas' shared
 * {@code /etc/letsencrypt} holds one, then that one, and each renewal after it.
 */
class FrontDoorImageTest {
  /**
   * The health check's plain server and a TLS server on the certificate the generated blocks name.
   */
  private static final String TLS_SERVERS =
      """
      server { listen 127.0.0.1:%d; return 404; }
      server {
        listen 127.0.0.1:%d ssl;
        ssl_certificate /etc/nginx/tls/fullchain.pem;
        ssl_certificate_key /etc/nginx/tls/privkey.pem;
        return 200 "tls";
      }
      """;

  /** team-cluster's domain: its generated blocks serve {@code <subdomain>.<domain>}. */
  private static final String DOMAIN = "dev.example.com";

  private static final Pattern UPSTREAM =
      Pattern.compile("proxy_pass http://(\\d+\\.\\d+\\.\\d+\\.\\d+):(\\d+)");

  @TempDir Path confDir;

  /**
   * team-cluster's generated server blocks as its front door's unit mounts them (TLS on 443, plain
   * 80 redirecting to it) with one substitution: they proxy to ambassadors on the gateway of the
   * front door's pod network (one address, on a cluster machine); here a test backend listens on
   * 127.0.0.1 at each port they name. A backend answers the gateway's {@code /auth} with alice's
   * identity, and anything else with its port, the Host it was asked for and the user nginx passed
   * on.
   */
  @Test
  void routesTeamClustersGeneratedServerBlocksByHostName() throws IOException {
    String image = Podman.image("front-door");
    assertFalse(
        Wait.portOpen(443) || Wait.portOpen(80),
        "the generated blocks listen on 80 and 443: free them");
    Map<String, String> generated = TeamConfigs.folder("front-door");
    assertEquals(
        1,
        generated.values().stream()
            .flatMap(blocks -> UPSTREAM.matcher(blocks).results().map(m -> m.group(1)))
            .distinct()
            .count(),
        "every upstream is an ambassador on the front door's pod network gateway");
    Map<Integer, HttpServer> backends = new TreeMap<>();
    try {
      for (var file : generated.entrySet()) {
        Files.writeString(
            confDir.resolve(file.getKey()),
            UPSTREAM.matcher(file.getValue()).replaceAll("proxy_pass http://127.0.0.1:$2"));
        upstreamPorts(file.getValue())
            .forEach(port -> backends.computeIfAbsent(port, FrontDoorImageTest::backend));
      }
      try (var frontDoor =
          Podman.run(
              image,
              List.of(
                  "-v",
                  confDir + ":/etc/nginx/conf.d:ro,Z",
                  "-e",
                  "TLS_DOMAIN=" + DOMAIN,
                  "-e",
                  "FRONT_DOOR_INSTANCE=2"))) {
        frontDoor.awaitHealthy(Duration.ofSeconds(30));
        assertEquals(
            0,
            frontDoor.exec("nginx", "-t").exit(),
            () -> frontDoor.exec("nginx", "-t").describe());
        // The identity provider's route is open; the wiki's asks the gateway (the first port it
        // names) first.
        int keycloak = upstreamPorts(generated.get("id.conf")).get(0);
        List<Integer> wiki = upstreamPorts(generated.get("wiki.conf"));
        assertEquals(
            "200 backend " + keycloak + " saw id." + DOMAIN + " for nobody",
            getTls(frontDoor, "id." + DOMAIN));
        assertEquals(
            "200 backend " + wiki.get(wiki.size() - 1) + " saw wiki." + DOMAIN + " for alice",
            getTls(frontDoor, "wiki." + DOMAIN));
        assertTrue(
            getTls(frontDoor, "unknown." + DOMAIN).startsWith("404 "),
            "the default server answers");
        Http.Response plain = Http.get(80, "wiki." + DOMAIN, "/page");
        assertEquals(301, plain.status());
        assertTrue(
            plain.headers().contains("Location: https://wiki." + DOMAIN + "/page"),
            plain.headers());
      }
    } finally {
      backends.values().forEach(backend -> backend.stop(0));
    }
  }

  private static List<Integer> upstreamPorts(String serverBlocks) {
    return UPSTREAM.matcher(serverBlocks).results().map(m -> Integer.parseInt(m.group(2))).toList();
  }

  /**
   * "<status> <body>" of an HTTPS GET / for the host, from inside the container (the certificate is
   * self-signed).
   */
  private static String getTls(Podman.Container frontDoor, String host) {
    String out =
        frontDoor
            .exec(
                "curl",
                "-sSk",
                "--resolve",
                host + ":443:127.0.0.1",
                "-w",
                "\n%{http_code}",
                "https://" + host + "/")
            .orFail()
            .out();
    int split = out.lastIndexOf('\n');
    return out.substring(split + 1) + " " + out.substring(0, split);
  }

  @Test
  void servesTheSharedCertificateOnceItArrives(@TempDir Path letsencrypt) throws Exception {
    String image = Podman.image("front-door");
    int http = Wait.freePort();
    int https = Wait.freePort();
    Files.writeString(confDir.resolve("tls.conf"), TLS_SERVERS.formatted(http, https));
    // Replica 2: it never asks Let's Encrypt itself, it takes what replica 1's certbot leaves in
    // the volume.
    try (var frontDoor =
        Podman.run(
            image,
            List.of(
                "-v",
                confDir + ":/etc/nginx/conf.d:ro,Z",
                "-v",
                letsencrypt + ":/etc/letsencrypt:Z",
                "-e",
                "HTTP_PORT=" + http,
                "-e",
                "TLS_DOMAIN=dev.example.com",
                "-e",
                "FRONT_DOOR_INSTANCE=2",
                "-e",
                "TLS_CHECK_SECONDS=1"))) {
      frontDoor.awaitHealthy(Duration.ofSeconds(30));
      assertEquals("CN=dev.example.com", subject(https), "the self-signed placeholder");

      for (int serial = 1; serial <= 2; serial++) {
        String cn = "renewal" + serial + ".dev.example.com";
        certbotLayout(letsencrypt, serial, cn);
        Wait.until(
            Duration.ofSeconds(30),
            "nginx serves " + cn,
            () -> subject(https).equals("CN=" + cn),
            frontDoor::logs);
      }
      assertFalse(
          frontDoor.logs().contains("certbot"), "only replica 1 renews:\n" + frontDoor.logs());
    }
  }

  /**
   * Replica 1 asks Let's Encrypt (here an ACME server that is not there, so no certificate is
   * ordered and no DNS record is touched); a failed renewal is logged and nginx keeps serving what
   * it has.
   */
  @Test
  void theRenewingReplicaKeepsServingWhenCertbotFails(@TempDir Path letsencrypt) throws Exception {
    String image = Podman.image("front-door");
    int http = Wait.freePort();
    int https = Wait.freePort();
    Files.writeString(confDir.resolve("tls.conf"), TLS_SERVERS.formatted(http, https));
    try (var frontDoor =
        Podman.run(
            image,
            List.of(
                "-v",
                confDir + ":/etc/nginx/conf.d:ro,Z",
                "-v",
                letsencrypt + ":/etc/letsencrypt:Z",
                "-e",
                "HTTP_PORT=" + http,
                "-e",
                "TLS_DOMAIN=dev.example.com",
                "-e",
                "FRONT_DOOR_INSTANCE=1",
                "-e",
                "TLS_CHECK_SECONDS=1",
                "-e",
                "CERTBOT_SERVER=http://127.0.0.1:" + Wait.freePort() + "/directory"))) {
      Wait.until(
          Duration.ofMinutes(2),
          "certbot's failure is logged",
          () ->
              frontDoor
                  .logs()
                  .contains("front-door: certbot failed; serving the current certificate"),
          frontDoor::logs);
      assertTrue(
          frontDoor.logs().contains("Saving debug log to /var/log/letsencrypt"),
          "certbot itself ran");
      assertEquals("CN=dev.example.com", subject(https), "still the placeholder");
      frontDoor.awaitHealthy(Duration.ofSeconds(30));
    }
  }

  /** What certbot writes: archive/<name>/*N.pem, and live/<name>/*.pem symlinks to the newest. */
  private static void certbotLayout(Path letsencrypt, int serial, String cn) throws IOException {
    Path archive = Files.createDirectories(letsencrypt.resolve("archive/dev.example.com"));
    Path live = Files.createDirectories(letsencrypt.resolve("live/dev.example.com"));
    Command.run(
            Duration.ofSeconds(60),
            List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "30",
                "-subj",
                "/CN=" + cn,
                "-keyout",
                archive.resolve("privkey" + serial + ".pem").toString(),
                "-out",
                archive.resolve("fullchain" + serial + ".pem").toString()))
        .orFail();
    for (String name : List.of("privkey", "fullchain")) {
      Path link = live.resolve(name + ".pem");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(
          link, Path.of("../../archive/dev.example.com/" + name + serial + ".pem"));
    }
  }

  /**
   * The subject of the certificate the server on 127.0.0.1:port presents, or "" when it presents
   * none.
   */
  private static String subject(int port) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          null);
      try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
            .getSubjectX500Principal()
            .getName();
      }
    } catch (IOException | java.security.GeneralSecurityException e) {
      return "";
    }
  }

  /**
   * A backend on 127.0.0.1:port. As the auth gateway it signs alice in ({@code /auth}); as a
   * service it answers with its port, the Host it was asked for and the user the front door passed
   * on.
   */
  private static HttpServer backend(int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "a generated block proxies to port " + port + ": it must be free", e);
    }
    server.createContext(
        "/auth",
        exchange -> {
          exchange.getResponseHeaders().add(FrontDoorConfig.USER_HEADER, "alice");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/",
        exchange -> {
          String user = exchange.getRequestHeaders().getFirst(FrontDoorConfig.USER_HEADER);
          byte[] body =
              ("backend "
                      + port
                      + " saw "
                      + exchange.getRequestHeaders().getFirst("Host")
                      + " for "
                      + (user == null ? "nobody" : user))
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }
}
