package dev.cluster.apps.filedrop;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cluster.apps.common.testing.FreePort;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Upload throughput and the app's peak memory, for a small and a large upload, each into a fresh
 * app process (so each peak is its own): streamed uploads should leave the peak flat whatever the
 * size. Run by {@code containers/bench/apps.sh}; prints figures, asserts nothing.
 *
 * <p>Arguments: the app's jar, a scratch directory, then upload sizes in MiB.
 */
public final class FileDropBenchmark {
  private FileDropBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    Path scratch = Path.of(args[1]);
    GreenMail smtp =
        new GreenMail(new ServerSetup(FreePort.pick(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      System.out.printf(
          "%-12s %12s %14s %18s %18s%n",
          "upload", "seconds", "MiB/s", "peak RSS (MiB)", "RSS at start (MiB)");
      for (int i = 2; i < args.length; i++) {
        long mib = Long.parseLong(args[i]);
        measure(jar, scratch, smtp.getSmtp().getPort(), mib);
      }
    } finally {
      smtp.stop();
    }
  }

  private static void measure(Path jar, Path scratch, int smtpPort, long mib) throws Exception {
    Path storage = Files.createTempDirectory(scratch, "drops-");
    int port = FreePort.pick();
    ProcessBuilder builder =
        new ProcessBuilder("java", "-XX:MaxRAMPercentage=75", "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("file-drop-" + mib + ".log").toFile());
    builder.environment().putAll(TestFrontDoor.variables());
    builder
        .environment()
        .putAll(
            Map.of(
                "PORT", Integer.toString(port),
                "STORAGE_DIR", storage.toString(),
                "MAX_UPLOAD_MB", "4096",
                "PUBLIC_URL", "https://drop.example.test",
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(smtpPort),
                "SMTP_STARTTLS", "false",
                "MAIL_FROM", "drop@example.test"));
    Process app = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      awaitHealthy(http, port);
      long startRss = memoryKib(app.pid(), "VmRSS");
      GeneratedUpload body = new GeneratedUpload("bob@example.test", mib * 1024 * 1024);
      long started = System.nanoTime();
      HttpResponse<String> response =
          http.send(
              TestFrontDoor.signedIn(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/drops")),
                      "bench",
                      "")
                  .header("Content-Type", MultipartBody.contentType())
                  .POST(
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofInputStream(() -> body), body.length()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      double seconds = (System.nanoTime() - started) / 1e9;
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "upload answered " + response.statusCode() + ": " + response.body());
      }
      long peak = memoryKib(app.pid(), "VmHWM");
      System.out.printf(
          "%-12s %12.1f %14.0f %18d %18d%n",
          mib + " MiB", seconds, mib / seconds, peak / 1024, startRss / 1024);
    } finally {
      app.destroy();
      app.waitFor(10, TimeUnit.SECONDS);
      deleteTree(storage);
    }
  }

  private static void awaitHealthy(HttpClient http, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
      }
      Thread.sleep(100);
    }
  }

  /** A line of /proc/<pid>/status: VmRSS is the resident set now, VmHWM its high-water mark. */
  private static long memoryKib(long pid, String field) throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
      return lines
          .filter(l -> l.startsWith(field + ":"))
          .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
          .findFirst()
          .orElseThrow();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
