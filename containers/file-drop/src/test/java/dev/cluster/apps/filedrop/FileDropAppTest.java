package dev.cluster.apps.filedrop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.PinnedLoggers;
import dev.cluster.apps.common.Settings;
import dev.cluster.apps.common.testing.CapturedLog;
import dev.cluster.apps.common.testing.FreePort;
import dev.cluster.apps.common.testing.TestFrontDoor;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File drop over real HTTP, with mail delivered to a real SMTP server (GreenMail) on 127.0.0.1. */
class FileDropAppTest {
  private static final long LIMIT = 1024 * 1024;

  /**
   * The test's own HTTP client and mail server, which log what they send and receive: no part of
   * the app.
   */
  private static final List<Logger> TEST_TOOLS =
      PinnedLoggers.at(Level.OFF, "jdk.internal.httpclient.debug", "com.icegreen.greenmail");

  private static final Pattern LINK =
      Pattern.compile("https://drop\\.example\\.test(/d/[A-Za-z0-9_-]{43})");

  @TempDir Path storage;
  private final TestClock clock = new TestClock();
  private final HttpClient http = HttpClient.newHttpClient();
  private GreenMail smtp;
  private FileDropApp app;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(FreePort.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, String> variables = new java.util.HashMap<>(TestFrontDoor.variables());
    variables.putAll(
        Map.of(
            "PORT", "0",
            "STORAGE_DIR", storage.toString(),
            "MAX_UPLOAD_MB", "1",
            "LINK_LIFETIME_HOURS", "48",
            "PUBLIC_URL", "https://drop.example.test/",
            "SMTP_HOST", "127.0.0.1",
            "SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()),
            "SMTP_STARTTLS", "false",
            "MAIL_FROM", "drop@example.test"));
    FileDropSettings settings = FileDropSettings.from(new Settings(variables));
    app = new FileDropApp(settings, new SmtpMailer(settings.smtp()), clock);
  }

  @AfterEach
  void stop() {
    app.close();
    smtp.stop();
  }

  @Test
  void eachRecipientIsMailedLinksThatDownloadTheSameBytesUntilTheyExpire() throws Exception {
    byte[] large =
        randomBytes(
            700_000, 1); // past the in-memory threshold: the parser's file is renamed into place
    byte[] small = randomBytes(1_000, 2); // under it: written out from memory
    HttpResponse<String> upload =
        upload(
            "alice",
            new MultipartBody()
                .file("files", "report.pdf", large)
                .file("files", "notes.txt", small)
                .field("recipients", "bob@example.test\ncarol@example.test"));
    assertEquals(201, upload.statusCode(), upload.body());

    assertTrue(smtp.waitForIncomingEmail(10_000, 2), "two mails arrive");
    MimeMessage[] mails = smtp.getReceivedMessages();
    List<String> recipients = new java.util.ArrayList<>();
    for (MimeMessage mail : mails) {
      recipients.add(GreenMailUtil.getAddressList(mail.getAllRecipients()));
    }
    assertEquals(
        List.of("bob@example.test", "carol@example.test"), recipients.stream().sorted().toList());
    String body = GreenMailUtil.getBody(mails[0]);
    assertTrue(mails[0].getSubject().startsWith("alice shared 2 files"), mails[0].getSubject());
    List<String> links = links(body);
    assertEquals(2, links.size(), body);
    assertEquals(
        links, links(GreenMailUtil.getBody(mails[1])), "every recipient gets the same links");

    assertArrayEquals(large, download(links.get(0)).body());
    assertArrayEquals(small, download(links.get(1)).body());
    HttpResponse<byte[]> asBrowsers =
        http.send(
            HttpRequest.newBuilder(uri(links.get(0)))
                .header("Accept-Encoding", "gzip, deflate, br")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertArrayEquals(
        large, asBrowsers.body(), "no download limit was asked for, and no encoding is added");
    assertEquals(
        "attachment; filename*=UTF-8''report.pdf",
        asBrowsers.headers().firstValue("Content-Disposition").orElseThrow());
    assertEquals(2, contentFiles().size());

    clock.advance(Duration.ofHours(48));
    assertEquals(410, download(links.get(0)).statusCode());
    assertEquals(410, download(links.get(1)).statusCode());
    assertEquals(List.of(), contentFiles(), "expired files are deleted from the volume");
  }

  @Test
  void aLinkWithADownloadLimitIsGoneAfterItsLastDownload() throws Exception {
    byte[] content = randomBytes(100_000, 3);
    assertEquals(
        201,
        upload(
                "alice",
                new MultipartBody()
                    .file("files", "once.bin", content)
                    .field("recipients", "bob@example.test")
                    .field("maxDownloads", "1"))
            .statusCode());
    assertTrue(smtp.waitForIncomingEmail(10_000, 1));
    String link = links(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).get(0);

    assertArrayEquals(content, download(link).body());
    assertEquals(List.of(), contentFiles());
    assertEquals(410, download(link).statusCode());
  }

  @Test
  void theSweeperDeletesExpiredFilesNobodyAskedFor() throws Exception {
    assertEquals(
        201,
        upload(
                "alice",
                new MultipartBody()
                    .file("files", "a.bin", randomBytes(10, 4))
                    .field("recipients", "bob@example.test")
                    .field("days", "1"))
            .statusCode());
    assertEquals(1, contentFiles().size());
    DropStore store = new DropStore(storage);
    store.sweep(clock.instant());
    assertEquals(1, contentFiles().size());
    clock.advance(Duration.ofDays(1));
    store.sweep(clock.instant());
    assertEquals(List.of(), contentFiles());
  }

  /**
   * Whoever reads the logs must not be able to download: the access log names the route, never the
   * token.
   */
  @Test
  void downloadTokensNeverReachTheLogs() throws Exception {
    try (CapturedLog log = new CapturedLog()) {
      assertEquals(
          201,
          upload(
                  "alice",
                  new MultipartBody()
                      .file("files", "secret.bin", randomBytes(1_000, 8))
                      .field("recipients", "bob@example.test"))
              .statusCode());
      assertTrue(smtp.waitForIncomingEmail(10_000, 1));
      String link = links(GreenMailUtil.getBody(smtp.getReceivedMessages()[0])).get(0);
      String token = link.substring(DownloadHandler.PATH_PREFIX.length());
      String guessed = DropToken.generate(new java.security.SecureRandom()).value();
      assertEquals(200, download(link).statusCode());
      assertEquals(
          200,
          http.send(
                  HttpRequest.newBuilder(uri(link))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode());
      assertEquals(404, download("/d/" + guessed).statusCode());
      assertEquals(404, download(link + "/more").statusCode());
      assertEquals(404, download("/d/x/" + guessed).statusCode());

      String logged = log.text();
      for (String secret : List.of(token, guessed)) {
        assertFalse(logged.contains(secret), "a token is in the log: " + logged);
      }
      assertTrue(logged.contains("GET /d/{token} 200"), "the access log is captured: " + logged);
      assertTrue(
          logged.contains("GET /d/... 404"),
          "a path no route took is named by its first segment: " + logged);
    }
  }

  @Test
  void aGuessedOrMalformedTokenIsNotFound() throws Exception {
    assertEquals(
        404,
        download("/d/" + DropToken.generate(new java.security.SecureRandom()).value())
            .statusCode());
    assertEquals(404, download("/d/not-a-token").statusCode());
  }

  @Test
  void withoutASignedInUserNothingCanBeUploaded() throws Exception {
    byte[] body =
        new MultipartBody()
            .file("files", "a.bin", randomBytes(10, 5))
            .field("recipients", "bob@example.test")
            .end();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri("/drops"))
                .header("Content-Type", MultipartBody.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, response.statusCode());
    assertEquals(
        401,
        http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());
    HttpResponse<String> page =
        http.send(
            TestFrontDoor.signedIn(HttpRequest.newBuilder(uri("/")), "alice", "developers").build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        page.statusCode() == 200 && page.body().contains("enctype=\"multipart/form-data\""),
        page.body());
    assertEquals(List.of(), contentFiles());
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  /**
   * Whoever reaches the port without the front door (another machine, another container) names
   * nobody.
   */
  @Test
  void aForgedIdentitySentStraightToThePortIsRefused() throws Exception {
    byte[] body =
        new MultipartBody()
            .file("files", "a.bin", randomBytes(10, 8))
            .field("recipients", "bob@example.test")
            .end();
    for (Map<String, String> forged :
        List.of(
            Map.of(
                FrontDoorIdentity.USER_HEADER,
                "alice",
                FrontDoorIdentity.GROUPS_HEADER,
                "developers"),
            Map.of(
                FrontDoorIdentity.USER_HEADER,
                "alice",
                FrontDoorIdentity.GROUPS_HEADER,
                "developers",
                dev.cluster.apps.common.FrontDoorProof.HEADER,
                "9999999999.forged"))) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri("/drops"))
              .header("Content-Type", MultipartBody.contentType())
              .POST(HttpRequest.BodyPublishers.ofByteArray(body));
      forged.forEach(request::header);
      assertEquals(
          401, http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpRequest.Builder page = HttpRequest.newBuilder(uri("/"));
      forged.forEach(page::header);
      assertEquals(401, http.send(page.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
    assertEquals(List.of(), contentFiles());
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void anUploadDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
    byte[] body =
        new MultipartBody()
            .file("files", "big.bin", randomBytes((int) LIMIT + 1, 6))
            .field("recipients", "bob@example.test")
            .end();
    HttpResponse<String> response = upload("alice", body);
    assertEquals(413, response.statusCode());
    assertEquals(List.of(), allFiles());
  }

  /**
   * A chunked upload declares no length: the parser stops at the limit, the partial file is deleted
   * and the connection closed, so the client cannot push the rest of its 64 MB into the volume.
   */
  @Test
  void anUploadThatGrowsPastTheLimitIsCutOffAndItsPartialFileDeleted() throws Exception {
    long endless = 64L * LIMIT;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
      socket.setSoTimeout(20_000);
      CompletableFuture<String> statusLine =
          CompletableFuture.supplyAsync(() -> readStatusLine(socket));
      OutputStream out = socket.getOutputStream();
      StringBuilder identity = new StringBuilder();
      TestFrontDoor.identity("alice", "developers")
          .forEach((name, value) -> identity.append(name + ": " + value + "\r\n"));
      out.write(
          ("POST /drops HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + identity
                  + "Content-Type: "
                  + MultipartBody.contentType()
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      writeChunk(
          out,
          MultipartBody.fileHeader("files", "endless.bin").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = randomBytes(64 * 1024, 7);
      long written = 0;
      try {
        while (written < endless) {
          writeChunk(out, chunk);
          written += chunk.length;
        }
      } catch (IOException closedByServer) {
        // expected: the server answered and closed the connection
      }
      assertTrue(statusLine.get(20, TimeUnit.SECONDS).startsWith("HTTP/1.1 413 "));
      assertTrue(
          written < endless / 2,
          "the server stopped reading; the client wrote " + written + " bytes");
    }
    awaitNoFiles();
  }

  private void awaitNoFiles() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!allFiles().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(List.of(), allFiles(), "the partial upload is deleted");
  }

  private static void writeChunk(OutputStream out, byte[] data) throws IOException {
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(data);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static String readStatusLine(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    } catch (IOException e) {
      return "no response: " + e;
    }
  }

  private HttpResponse<String> upload(String user, MultipartBody form) throws Exception {
    return upload(user, form.end());
  }

  private HttpResponse<String> upload(String user, byte[] body) throws Exception {
    return http.send(
        TestFrontDoor.signedIn(HttpRequest.newBuilder(uri("/drops")), user, "developers")
            .header("Content-Type", MultipartBody.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> download(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  private static List<String> links(String mailBody) {
    Matcher m = LINK.matcher(mailBody);
    List<String> paths = new java.util.ArrayList<>();
    while (m.find()) {
      paths.add(m.group(1));
    }
    return paths;
  }

  private List<Path> contentFiles() throws IOException {
    return allFiles().stream().filter(p -> p.getFileName().toString().equals("content")).toList();
  }

  private List<Path> allFiles() throws IOException {
    try (Stream<Path> files = Files.walk(storage)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
