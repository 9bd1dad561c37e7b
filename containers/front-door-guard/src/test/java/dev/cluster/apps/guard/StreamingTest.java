package dev.cluster.apps.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bodies go through the guard as they are written, both ways: each test lets the sender go on only
 * once the other side has read the first part, so a guard that held a body back until it was
 * complete would stall it (each wait is a liveness bound, never a measured time).
 */
class StreamingTest {
  private static final int BLOCK = 64 * 1024;
  private static final long LARGE = 256L * 1024 * 1024;
  private static final long LIVENESS_SECONDS = 120;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private RecordingBackend backend;
  private Guard guard;

  @BeforeEach
  void start() throws Exception {
    backend = new RecordingBackend();
    guard =
        Guard.start(
            new GuardSettings(
                "127.0.0.1",
                0,
                backend.port(),
                AnonymousPaths.of("", ""),
                Duration.ofSeconds(300),
                FrontDoorTrust.of(TestFrontDoor.VERIFY_KEY, TestFrontDoor.AUDIENCE)));
  }

  @AfterEach
  void stop() throws Exception {
    guard.close();
    backend.close();
  }

  @Test
  void aLargeUploadReachesTheAppWhileItIsStillBeingSent() throws Exception {
    CountDownLatch firstBytesArrived = new CountDownLatch(1);
    backend.handle(
        "/upload",
        exchange -> {
          InputStream body = exchange.getRequestBody();
          MessageDigest digest = sha256();
          byte[] start = new byte[BLOCK];
          // One read, which returns what has arrived (readNBytes would wait on the next chunk's
          // header too).
          int first = Math.max(body.read(start), 0);
          digest.update(start, 0, first);
          firstBytesArrived.countDown();
          long total = first + copy(body, digest);
          backend.record(exchange, total);
          RecordingBackend.answer(
              exchange, 200, total + " " + HexFormat.of().formatHex(digest.digest()));
        });
    MessageDigest sent = sha256();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
      socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(LIVENESS_SECONDS));
      OutputStream out = socket.getOutputStream();
      StringBuilder head =
          new StringBuilder(
              "POST /upload HTTP/1.1\r\nHost: "
                  + TestFrontDoor.AUDIENCE
                  + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n");
      TestFrontDoor.identity("alice", "developers")
          .forEach((name, value) -> head.append(name + ": " + value + "\r\n"));
      out.write(ascii(head + "\r\n"));
      byte[] block = new byte[BLOCK];
      new Random(7).nextBytes(block);
      for (long i = 0; i < LARGE / BLOCK; i++) {
        ByteBuffer.wrap(block)
            .putLong(i); // numbered, so a block lost or sent twice changes the digest
        out.write(ascii(Integer.toHexString(BLOCK) + "\r\n"));
        out.write(block);
        out.write(ascii("\r\n"));
        sent.update(block);
        if (i == 0) {
          out.flush();
          assertTrue(
              await(firstBytesArrived),
              "the app had the start of the body before the rest was sent");
        }
      }
      out.write(ascii("0\r\n\r\n"));
      out.flush();
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(response.startsWith("HTTP/1.1 200 "), response);
      assertTrue(
          response.endsWith("\r\n\r\n" + LARGE + " " + HexFormat.of().formatHex(sent.digest())),
          response);
    }
  }

  @Test
  void anAnswerReachesTheClientAsTheAppWritesIt() throws Exception {
    CountDownLatch clientReadTheFirstLine = new CountDownLatch(1);
    backend.handle(
        "/poll",
        exchange -> {
          backend.record(exchange, 0);
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write("first\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          boolean read = await(clientReadTheFirstLine);
          out.write(
              (read ? "then the rest\n" : "the client saw nothing before the end\n")
                  .getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    HttpRequest request =
        TestFrontDoor.signedIn(HttpRequest.newBuilder(uri("/poll")), "alice", "developers").build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertEquals("first", lines.readLine());
      clientReadTheFirstLine.countDown();
      assertEquals("then the rest", lines.readLine());
    }
  }

  private int port() {
    return guard.port();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  private static long copy(InputStream body, MessageDigest digest) throws IOException {
    long total = 0;
    byte[] buffer = new byte[BLOCK];
    for (int n; (n = body.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, n);
      total += n;
    }
    return total;
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(LIVENESS_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
