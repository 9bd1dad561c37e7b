package dev.cluster.apps.filedrop;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;

/**
 * The 413 for an upload over the limit, and the end of its connection. Left alone, Jetty would read
 * the rest of the body to discard it (even with {@code Connection: close}), letting a client push
 * gigabytes through anyway. Closing at once is no better: the client is still sending, so the close
 * resets the connection and the client may lose the 413 it was sent. So: send the 413, end our
 * side, read and discard a little more for a short while (a lingering close, as nginx does) so the
 * client can read its answer, then close whatever it still sends.
 */
final class TooLarge {
  static final int LINGER_BYTES = 4 * 1024 * 1024;
  static final int LINGER_MILLIS = 2000;

  private TooLarge() {}

  static void refuse(Context ctx, long maxBytes) throws IOException {
    byte[] message =
        ("uploads are limited to " + maxBytes / (1024 * 1024) + " MB\n")
            .getBytes(StandardCharsets.UTF_8);
    HttpServletResponse response = ctx.res();
    response.setStatus(HttpStatus.CONTENT_TOO_LARGE.getCode());
    response.setHeader("Connection", "close");
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(message.length);
    response.getOutputStream().write(message);
    response.flushBuffer();
    EndPoint connection = Request.getBaseRequest(ctx.req()).getHttpChannel().getEndPoint();
    connection.shutdownOutput();
    connection.setIdleTimeout(LINGER_MILLIS);
    try {
      linger(ctx.req().getInputStream());
    } catch (IOException | RuntimeException timedOutOrGone) {
      // Either way the connection is closed below.
    } finally {
      connection.close();
    }
  }

  private static void linger(ServletInputStream body) throws IOException {
    byte[] discard = new byte[64 * 1024];
    long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
    long read = 0;
    for (int n = body.read(discard);
        n >= 0 && read < LINGER_BYTES && System.nanoTime() < deadline;
        n = body.read(discard)) {
      read += n;
    }
  }
}
