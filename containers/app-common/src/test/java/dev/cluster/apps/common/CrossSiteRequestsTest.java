package dev.cluster.apps.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page of a sibling site ({@code evil.dev.test}) cannot make the browser change anything in an
 * app ({@code drop.dev.test}): through a real server, with the headers a browser sends (raw HTTP,
 * since the JDK's client sets {@code Host} itself).
 */
class CrossSiteRequestsTest {
  private Javalin app;

  @BeforeEach
  void start() {
    app =
        AppServer.create("csrf-test", c -> {})
            .post("/change", ctx -> ctx.result("changed"))
            .put("/change", ctx -> ctx.result("changed"))
            .delete("/change", ctx -> ctx.result("changed"))
            .get("/change", ctx -> ctx.result("read"))
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    app.stop();
  }

  @Test
  void aStateChangingRequestFromAnotherSitesPageIsRefused() throws Exception {
    assertEquals(403, status("POST", "Origin: https://evil.dev.test"));
    assertEquals(403, status("PUT", "Origin: https://evil.dev.test"));
    assertEquals(403, status("DELETE", "Origin: https://evil.dev.test"));
    assertEquals(
        403, status("POST", "Origin: null"), "an opaque origin (sandboxed frame, data: URL)");
    assertEquals(403, status("POST", "Origin: https://drop.dev.test.evil.example"));
    assertEquals(
        403,
        status("POST", "Origin: https://drop.dev.test:8443"),
        "another port is another origin");
    assertEquals(
        403,
        status("POST", "Referer: https://evil.dev.test/page"),
        "without Origin, the Referer decides");
    assertEquals(403, status("POST", "Referer: not a url"));
  }

  @Test
  void theAppsOwnPagesAndNonBrowserClientsPass() throws Exception {
    assertEquals(200, status("POST", "Origin: https://drop.dev.test"));
    assertEquals(200, status("POST", "Origin: https://DROP.dev.test"));
    assertEquals(200, status("DELETE", "Origin: https://drop.dev.test"));
    assertEquals(200, status("POST", "Referer: https://drop.dev.test/upload?x=1"));
    assertEquals(
        200, status("POST", null), "no Origin nor Referer: not a browser's cross-site request");
    assertEquals(200, status("GET", "Origin: https://evil.dev.test"), "reading changes nothing");
  }

  private int status(String method, String header) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " /change HTTP/1.1\r\nHost: drop.dev.test\r\n"
                  + (header == null ? "" : header + "\r\n")
                  + "Content-Length: 0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
