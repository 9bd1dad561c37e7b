package dev.cluster.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.testing.CapturedLog;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The access log of every app, through a real server: paths, never a path parameter's value or a
 * query.
 */
class AccessLogTest {
  private static final String SECRET = "s3cr3t-0123456789abcdef";

  @Test
  void routesWithParametersAreLoggedAsDeclaredAndUnroutedPathsByTheirFirstSegment()
      throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      var app =
          AppServer.create("access-log-test", c -> {})
              .get("/d/{token}", ctx -> ctx.result("file"))
              .get("/plain/page", ctx -> ctx.result("page"))
              .start("127.0.0.1", 0);
      try {
        assertEquals(200, status(app.port(), "GET", "/d/" + SECRET + "?also=" + SECRET));
        assertEquals(200, status(app.port(), "HEAD", "/d/" + SECRET));
        assertEquals(200, status(app.port(), "GET", "/plain/page?q=" + SECRET));
        assertEquals(404, status(app.port(), "GET", "/d/" + SECRET + "/more"));
        assertEquals(404, status(app.port(), "GET", "/plain/" + SECRET));
      } finally {
        app.stop();
      }
      String logged = log.text();
      assertFalse(logged.contains(SECRET), "a secret is in the log: " + logged);
      for (String line :
          List.of(
              "GET /d/{token} 200",
              "HEAD /d/... 200",
              "GET /plain/page 200",
              "GET /d/... 404",
              "GET /plain/... 404")) {
        assertTrue(logged.contains(line), line + " in: " + logged);
      }
    }
  }

  /**
   * A raw request: the JDK's HTTP client would log the URI itself at debug level, which is not the
   * app's log.
   */
  private static int status(int port, String method, String target) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      String request =
          method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(response.substring(9, 12));
    }
  }
}
