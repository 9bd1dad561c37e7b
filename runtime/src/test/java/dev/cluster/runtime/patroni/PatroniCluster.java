package dev.cluster.runtime.patroni;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static dev.cluster.runtime.etcd.Etcd.text;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.TrixieRoot;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real Patroni 4 members, each PostgreSQL 17 on its own loopback address (127.0.0.2, .3, ...),
 * configured by {@link PatroniYaml}, run as the postgres user in the Debian 13 root. Closing kills
 * every process.
 */
public final class PatroniCluster implements AutoCloseable {

  public static final String SUPERUSER_PASSWORD = "super-secret";

  private final TrixieRoot root;
  private final Processes processes = new Processes();
  private final Map<String, PatroniMember> members = new LinkedHashMap<>();
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Path logs;
  private final int apiPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  public PatroniCluster(TrixieRoot root, int size, String etcdEndpoints, Path logs) {
    this.root = root;
    this.logs = logs;
    // every member on its own loopback address, all with the same ports, as on separate machines
    int postgresPort = FreePorts.next();
    this.apiPort = FreePorts.next();
    for (int i = 1; i <= size; i++) {
      String name = "pg" + i;
      String dir = root.postgresDirectory(name);
      members.put(
          name,
          PatroniYamlTest.member(
              name, "127.0.0." + (i + 1), dir, postgresPort, apiPort, etcdEndpoints));
    }
  }

  public void startAll() {
    members.keySet().forEach(this::start);
  }

  public void start(String name) {
    PatroniMember member = members.get(name);
    String config = member.socketDir() + "/patroni.yml";
    try {
      Files.writeString(root.host(config), PatroniYaml.render(member));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    running.put(
        name,
        processes.start(
            root.command("postgres", List.of("patroni", config)), logs.resolve(name + ".log")));
  }

  /**
   * Kills Patroni and PostgreSQL of one member at once, as when its machine dies. Patroni detaches
   * the postmaster (so that restarting Patroni does not stop PostgreSQL), hence the postmaster is
   * found through its pid file.
   */
  public void crash(String name) {
    Process process = running.remove(name);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    Processes.kill9(process);
    postmaster(name).ifPresent(PatroniCluster::killTree);
  }

  /**
   * Freezes Patroni and PostgreSQL of one member (SIGSTOP), as a long GC pause or a stalled VM
   * would.
   */
  public void freeze(String name) {
    signal(name, "-STOP");
  }

  /** Resumes a frozen member (SIGCONT). */
  public void thaw(String name) {
    signal(name, "-CONT");
  }

  private void signal(String name, String signal) {
    List<String> command = new ArrayList<>(List.of("kill", signal));
    Process patroni = running.get(name);
    Stream.concat(
            Stream.concat(Stream.of(patroni.toHandle()), patroni.descendants()),
            postmaster(name).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants())))
        .map(p -> String.valueOf(p.pid()))
        .forEach(command::add);
    try {
      // kill's status is ignored: a short-lived backend may end between listing and signalling
      new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start()
          .waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.onExit().join();
  }

  private Optional<ProcessHandle> postmaster(String name) {
    Path pidFile = root.host(members.get(name).dataDir() + "/postmaster.pid");
    try {
      String pid = Files.readAllLines(pidFile).get(0).trim();
      return ProcessHandle.of(Long.parseLong(pid))
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    } catch (IOException | RuntimeException noPostmaster) {
      return Optional.empty();
    }
  }

  /** The port of every member's Patroni REST API. */
  public int apiPort() {
    return apiPort;
  }

  public PatroniMember member(String name) {
    return members.get(name);
  }

  /** The member whose REST API says it is the primary, if one does. */
  public Optional<String> primary() {
    return running.keySet().stream().filter(name -> status(name, "/primary") == 200).findFirst();
  }

  /** Every member whose REST API says it is the primary: one, in a healthy cluster. */
  public List<String> primaries() {
    return running.keySet().stream().filter(name -> status(name, "/primary") == 200).toList();
  }

  /** Whether the member's REST API says it is a healthy streaming replica. */
  public boolean replica(String name) {
    return status(name, "/replica") == 200;
  }

  public String awaitPrimary(Duration within) {
    if (Eventually.within(within, () -> primary().isPresent()) == null) {
      fail("no Patroni primary within " + within + "; logs in " + logs);
    }
    return primary().orElseThrow();
  }

  /**
   * Waits until every running member is up, the replicas stream, the primary has listed them all in
   * the failsafe key (with failsafe_mode, a replica missing from it never promotes itself) and a
   * synchronous standby is recorded in the sync key (in synchronous_mode, only that standby may be
   * promoted: until then no failover can happen).
   */
  public void awaitSettled(Client etcd, Duration within) {
    if (Eventually.within(
            within,
            () ->
                running.keySet().stream().allMatch(n -> status(n, "/health") == 200)
                    && running.keySet().stream().filter(n -> status(n, "/replica") == 200).count()
                        == running.size() - 1
                    && running.keySet().stream().allMatch(read(etcd, "failsafe")::contains)
                    && !read(etcd, "sync").contains("\"sync_standby\":null")
                    && read(etcd, "sync").contains("\"sync_standby\""))
        == null) {
      fail(
          "Patroni members not all healthy and in the failsafe key within "
              + within
              + "; logs in "
              + logs);
    }
  }

  private static String read(Client etcd, String patroniKey) {
    try {
      var kvs =
          etcd.getKVClient()
              .get(bytes("/service/pg/" + patroniKey))
              .get(2, TimeUnit.SECONDS)
              .getKvs();
      return kvs.isEmpty() ? "" : text(kvs.get(0).getValue());
    } catch (Exception unreachable) {
      return "";
    }
  }

  public String jdbcUrl(String name) {
    PatroniMember m = members.get(name);
    return jdbcUrl(m.postgresHost(), m.postgresPort());
  }

  public static String jdbcUrl(String host, int port) {
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/postgres?user=postgres&password="
        + SUPERUSER_PASSWORD
        + "&connectTimeout=2&socketTimeout=5&loginTimeout=3";
  }

  private int status(String name, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://" + members.get(name).restApi() + path))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException unreachable) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    processes.close();
    for (String name : members.keySet()) {
      postmaster(name).ifPresent(PatroniCluster::killTree);
      root.remove(members.get(name).socketDir());
    }
  }
}
