package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd cluster (Debian {@code etcd-server}) of N members on 127.0.0.1 with ports chosen at
 * run time, started before the test class and killed after it: {@code @RegisterExtension static
 * EtcdCluster etcd = new EtcdCluster(3);}
 */
public final class EtcdCluster implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(20);

  private final int size;
  private final List<Integer> clientPorts = new ArrayList<>();
  private final List<Integer> peerPorts = new ArrayList<>();
  private final Process[] members;
  private final List<String> extraFlags;
  private Path dataRoot;
  private Processes processes;

  public EtcdCluster(int size) {
    this(size, List.of());
  }

  /**
   * @param extraFlags given to every member, e.g. {@code --enable-v2=true} as the MAIN machines run
   *     etcd for fleet
   */
  public EtcdCluster(int size, List<String> extraFlags) {
    this.size = size;
    this.members = new Process[size];
    this.extraFlags = List.copyOf(extraFlags);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * Starts every member and waits until all are healthy (what {@code beforeAll} does, for use
   * outside JUnit).
   */
  public void start() throws IOException {
    Binaries.require("etcd", "etcd-server");
    for (int attempt = 1; ; attempt++) {
      dataRoot = Files.createTempDirectory("etcd-cluster");
      processes = new Processes();
      clientPorts.clear();
      peerPorts.clear();
      for (int i = 0; i < size; i++) {
        clientPorts.add(FreePorts.next());
        peerPorts.add(FreePorts.next());
      }
      for (int i = 0; i < size; i++) {
        start(i);
      }
      awaitHealthy();
      if (Arrays.stream(members).allMatch(Process::isAlive)) {
        return;
      }
      // A port FreePorts found free was taken before the member bound it (the kernel hands the same
      // ephemeral
      // ports to outgoing connections): the member exited at once, and a test would run with one
      // member short of what it thinks. Start again on other ports.
      String tails = logTails();
      close();
      if (attempt == 3) {
        fail("an etcd member exited at start in three attempts:\n" + tails);
      }
    }
  }

  /** Kills every member and deletes their data. */
  @Override
  public void close() {
    processes.close();
    try (Stream<Path> paths = Files.walk(dataRoot)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Comma-separated client URLs of every member, as the agents' {@code --etcd} option takes them.
   */
  public String endpoints() {
    return clientPorts.stream().map(p -> "http://127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  public Client client() {
    return Client.builder().endpoints(endpoints().split(",")).build();
  }

  /** A client, after deleting every key: for each test of a class that shares the cluster. */
  public Client emptiedClient() throws Exception {
    Client client = client();
    client
        .getKVClient()
        .delete(
            ByteSequence.from("/", StandardCharsets.UTF_8),
            DeleteOption.builder().isPrefix(true).build())
        .get(5, TimeUnit.SECONDS);
    return client;
  }

  /** Starts (or restarts, keeping its data) member {@code i}. */
  public synchronized void start(int i) {
    start(i, clientUrl(i));
  }

  /**
   * Starts member {@code i} with its data and peer URL but serving clients only at {@code
   * clientUrl}, as {@code etcd-restore} does until it has deleted what no client may read; {@link
   * #kill} it, then {@link #start}.
   */
  public synchronized void startServingOnlyAt(int i, String clientUrl) {
    start(i, clientUrl);
  }

  private void start(int i, String client) {
    String cluster = initialCluster();
    String peer = "http://127.0.0.1:" + peerPorts.get(i);
    List<String> command =
        new ArrayList<>(
            List.of(
                "etcd",
                "--name",
                name(i),
                "--data-dir",
                dataDir(i).toString(),
                "--listen-client-urls",
                client,
                "--advertise-client-urls",
                client,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                cluster,
                "--initial-cluster-state",
                "new",
                "--initial-cluster-token",
                dataRoot.getFileName().toString(),
                "--heartbeat-interval",
                "100",
                "--election-timeout",
                "1000"));
    command.addAll(extraFlags);
    members[i] = processes.start(command, dataRoot.resolve("m" + i + ".log"));
  }

  /** Member {@code i}'s name. */
  public String name(int i) {
    return "m" + i;
  }

  /** Member {@code i}'s data dir. */
  public Path dataDir(int i) {
    return dataRoot.resolve(name(i));
  }

  /** Member {@code i}'s client URL. */
  public String clientUrl(int i) {
    return "http://127.0.0.1:" + clientPorts.get(i);
  }

  /** Every member as NAME=PEER_URL, comma-separated: etcd's {@code --initial-cluster}. */
  public String initialCluster() {
    return IntStream.range(0, size)
        .mapToObj(m -> name(m) + "=http://127.0.0.1:" + peerPorts.get(m))
        .collect(Collectors.joining(","));
  }

  /**
   * Kills every member and deletes their data dirs, as when every machine of the MAIN group is
   * lost.
   */
  public synchronized void destroyAll() {
    stopAll();
    for (int i = 0; i < size; i++) {
      try (Stream<Path> paths =
          Files.exists(dataDir(i)) ? Files.walk(dataDir(i)) : Stream.empty()) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public synchronized void kill(int i) {
    Processes.kill9(members[i]);
  }

  /**
   * SIGSTOP of member {@code i}: its process stops, but the kernel still accepts connections into
   * its listen backlog and keeps its established ones open, as with a member stuck in a long pause.
   * {@link #thaw} resumes it.
   */
  public synchronized void freeze(int i) {
    Processes.signal(members[i], "STOP");
  }

  /** SIGCONT of member {@code i} (a no-op for a running one). */
  public synchronized void thaw(int i) {
    Processes.signal(members[i], "CONT");
  }

  /** Member {@code i}'s client port. */
  public int clientPort(int i) {
    return clientPorts.get(i);
  }

  public int size() {
    return size;
  }

  /**
   * A client of every member but {@code excluded}: it reads the cluster's state while that member
   * is frozen.
   */
  public Client clientWithout(int excluded) {
    return Client.builder()
        .endpoints(
            IntStream.range(0, size)
                .filter(m -> m != excluded)
                .mapToObj(this::clientUrl)
                .toArray(String[]::new))
        .build();
  }

  public synchronized void stopAll() {
    for (Process member : members) {
      Processes.kill9(member);
    }
  }

  public void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    if (Eventually.within(
            HEALTHY_WITHIN,
            () ->
                IntStream.range(0, size)
                    .filter(i -> members[i].isAlive())
                    .allMatch(i -> healthy(http, clientPorts.get(i))))
        == null) {
      fail("etcd members not healthy within " + HEALTHY_WITHIN + ":\n" + logTails());
    }
  }

  /** The index of the member that is the Raft leader now. */
  public int leader() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    for (int i = 0; i < size; i++) {
      if (members[i].isAlive()
          && get(http, clientPorts.get(i), "/metrics")
              .lines()
              .anyMatch(l -> l.equals("etcd_server_is_leader 1"))) {
        return i;
      }
    }
    throw new IllegalStateException("no etcd leader");
  }

  private static boolean healthy(HttpClient http, int port) {
    return get(http, port, "/health").contains("\"health\":\"true\"");
  }

  private static String get(HttpClient http, int port, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The last lines of each member's log, for failure messages (the data root is deleted
   * afterwards).
   */
  private String logTails() {
    StringBuilder tails = new StringBuilder();
    for (int i = 0; i < size; i++) {
      try {
        List<String> lines = Files.readAllLines(dataRoot.resolve("m" + i + ".log"));
        tails
            .append("m")
            .append(i)
            .append(": ")
            .append(
                String.join("\n    ", lines.subList(Math.max(0, lines.size() - 5), lines.size())))
            .append('\n');
      } catch (IOException unreadable) {
        tails.append("m").append(i).append(": ").append(unreadable).append('\n');
      }
    }
    return tails.toString();
  }
}
