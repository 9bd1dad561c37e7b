package dev.cluster.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A one-member etcd (Debian's etcd-server) on 127.0.0.1, for the services that keep their state in
 * it, and what the agents write there read back with etcdctl (etcd-client).
 */
final class HostEtcd implements AutoCloseable {
  final int clientPort = Wait.freePort();
  private final Path dataDir;
  private final Path log;
  private final Process process;

  HostEtcd() {
    if (!Command.run(Duration.ofSeconds(10), List.of("sh", "-c", "command -v etcd")).ok()) {
      throw new AssertionError("etcd is missing: install etcd-server (scripts/test-deps.sh)");
    }
    try {
      dataDir = Files.createTempDirectory("images-etcd");
      log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
      int peerPort = Wait.freePort();
      String client = "http://127.0.0.1:" + clientPort;
      String peer = "http://127.0.0.1:" + peerPort;
      process =
          new ProcessBuilder(
                  "etcd",
                  "--name",
                  "e0",
                  "--data-dir",
                  dataDir.toString(),
                  "--listen-client-urls",
                  client,
                  "--advertise-client-urls",
                  client,
                  "--listen-peer-urls",
                  peer,
                  "--initial-advertise-peer-urls",
                  peer,
                  "--initial-cluster",
                  "e0=" + peer)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Wait.until(Duration.ofSeconds(20), "etcd answers /health", this::healthy, this::logTail);
    } catch (AssertionError e) {
      close();
      throw e;
    }
  }

  String hostPort() {
    return "127.0.0.1:" + clientPort;
  }

  /**
   * The proposal of the leader of the elect agent's election {@code /elections/<name>} (the
   * candidate whose key was created first, as etcd's election API decides), or "" while nobody
   * leads. Read with etcdctl.
   */
  String electionLeader(String name) {
    return Command.run(
            Duration.ofSeconds(30),
            List.of(
                "etcdctl",
                "--endpoints",
                "http://" + hostPort(),
                "get",
                "--prefix",
                "/elections/" + name + "/",
                "--sort-by=CREATE",
                "--order=ASCEND",
                "--limit=1",
                "--print-value-only"))
        .orFail()
        .out()
        .strip();
  }

  private boolean healthy() {
    try {
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("true");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no etcd log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
