package dev.cluster.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.patroni.PatroniHa;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.patroni.PatroniMember;
import dev.cluster.runtime.patroni.PatroniYaml;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * Members of one Patroni cluster, each a container of the project's postgres-patroni image on the
 * host's network with its own loopback address (127.0.0.2, .3, ...) and the same ports, as on
 * separate machines. Each member's configuration is the runtime's {@link PatroniYaml} with the
 * cluster's {@link PatroniHa#ZERO_LOSS} settings. A container holds Patroni and PostgreSQL
 * together: killing it is a machine's death, pausing it (the cgroup freezer) stops both at once.
 */
final class PatroniMembers implements AutoCloseable {
  static final String SCOPE = "pg";
  static final String NAMESPACE = "/service/";
  static final String PASSWORD = "super-secret";
  static final PatroniHa HA = PatroniHa.ZERO_LOSS;
  private static final String CONFIG_INSIDE = "/etc/patroni/member.yml";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String image;
  private final Path work;
  private final int apiPort = Wait.freePort();
  private final int postgresPort = Wait.freePort();
  private final Map<String, PatroniMember> members = new LinkedHashMap<>();
  private final Map<String, Podman.Container> containers = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  PatroniMembers(String image, int size, String etcdEndpoints, Path work) {
    this.image = image;
    this.work = work;
    List<String> etcdHosts =
        Arrays.stream(etcdEndpoints.split(",")).map(url -> url.replace("http://", "")).toList();
    for (int i = 1; i <= size; i++) {
      String address = "127.0.0." + (i + 1);
      String dataDir = "/var/lib/postgresql/data";
      members.put(
          "pg" + i,
          new PatroniMember(
              SCOPE,
              "pg" + i,
              NAMESPACE,
              etcdHosts,
              address + ":" + apiPort,
              address,
              postgresPort,
              dataDir,
              "/usr/lib/postgresql/17/bin",
              "/var/run/postgresql",
              List.of("127.0.0.0/8"),
              new PatroniMember.Credentials("postgres", PASSWORD),
              new PatroniMember.Credentials("replicator", "repl-secret"),
              HA));
    }
  }

  void startAll() {
    members.keySet().forEach(this::start);
  }

  private void start(String name) {
    PatroniMember member = members.get(name);
    Path config = work.resolve(name + ".yml");
    try {
      Files.writeString(config, PatroniYaml.render(member));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The image's PATRONI_* listen variables would win over the file: they say the same here.
    containers.put(
        name,
        Podman.run(
            image,
            List.of(
                "-v", config + ":" + CONFIG_INSIDE + ":ro,Z",
                "-e", "PATRONI_CONFIG_FILE=" + CONFIG_INSIDE,
                "-e", "PATRONI_RESTAPI_LISTEN=" + member.restApi(),
                "-e",
                    "PATRONI_POSTGRESQL_LISTEN="
                        + member.postgresHost()
                        + ":"
                        + member.postgresPort())));
  }

  /** The machine dies: SIGKILL to every process of the member at once. */
  void kill(String name) {
    container(name, "kill", "-s", "KILL");
  }

  /** Patroni stops cleanly (SIGTERM, then up to 30 s), as when its unit is stopped. */
  void stop(String name) {
    container(name, "stop", "-t", "30");
  }

  /** The machine is back: the same container (and data) starts again. */
  void restart(String name) {
    container(name, "start");
  }

  /** Patroni and every PostgreSQL process stop at once (cgroup freezer), as in a stalled VM. */
  void freeze(String name) {
    container(name, "pause");
  }

  void thaw(String name) {
    container(name, "unpause");
  }

  private void container(String name, String... verb) {
    List<String> args = new ArrayList<>(List.of(verb));
    args.add(containers.get(name).name());
    Command.run(Duration.ofSeconds(60), Podman.podman(args.toArray(String[]::new))).orFail();
  }

  List<String> names() {
    return List.copyOf(members.keySet());
  }

  PatroniMember member(String name) {
    return members.get(name);
  }

  /** The member a PostgreSQL server address ({@code inet_server_addr()}) belongs to. */
  String named(String address) {
    return members.values().stream()
        .filter(m -> m.postgresHost().equals(address))
        .map(PatroniMember::name)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no member at " + address));
  }

  int apiPort() {
    return apiPort;
  }

  String jdbcUrl(String name) {
    return jdbcUrl(members.get(name).postgresHost(), postgresPort);
  }

  /**
   * Fails a statement after 5 s without an answer (a frozen server), never with a cancel a server
   * could ignore.
   */
  static String jdbcUrl(String host, int port) {
    return jdbcUrl(host, port, 5);
  }

  /**
   * {@code socketSeconds} 0: no client-side timeout, the session lasts until the server or a proxy
   * ends it.
   */
  static String jdbcUrl(String host, int port, int socketSeconds) {
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/postgres?user=postgres&password="
        + PASSWORD
        + "&connectTimeout=2&socketTimeout="
        + socketSeconds
        + "&loginTimeout=3&tcpKeepAlive=true";
  }

  /** Runs a command in a member's container with the superuser's password in PGPASSWORD. */
  Command.Result exec(String name, List<String> command) {
    return containers
        .get(name)
        .exec(List.of("-e", "PGPASSWORD=" + PASSWORD), command.toArray(String[]::new));
  }

  /** The member whose REST API says it is the primary, if one does. */
  Optional<String> primary() {
    return members.keySet().stream().filter(name -> status(name, "/primary") == 200).findFirst();
  }

  boolean replica(String name) {
    return status(name, "/replica") == 200;
  }

  String awaitPrimary(Duration within) {
    Wait.until(within, "a Patroni primary", () -> primary().isPresent(), this::logs);
    return primary().orElseThrow();
  }

  /**
   * Until every member runs, the others stream from the leader, one of them is the recorded
   * synchronous standby (only it may be promoted: before, no failover can happen) and the leader
   * listed them all in the failsafe key (a member missing from it never takes over while etcd is
   * away).
   */
  void awaitSettled(Client etcd, Duration within) {
    Wait.until(
        within,
        "all Patroni members streaming, a synchronous standby and every member in the failsafe key",
        () -> settled(etcd),
        this::logs);
  }

  private boolean settled(Client etcd) {
    JsonNode cluster = cluster();
    if (cluster == null) {
      return false;
    }
    List<JsonNode> listed =
        StreamSupport.stream(cluster.path("members").spliterator(), false).toList();
    String failsafe = read(etcd, "failsafe");
    return listed.size() == members.size()
        && listed.stream()
                .filter(
                    m ->
                        m.path("role").asText().equals("leader")
                            && m.path("state").asText().equals("running"))
                .count()
            == 1
        && listed.stream()
            .filter(m -> !m.path("role").asText().equals("leader"))
            .allMatch(m -> m.path("state").asText().equals("streaming"))
        && listed.stream().anyMatch(m -> m.path("role").asText().equals("sync_standby"))
        && members.keySet().stream().allMatch(name -> failsafe.contains("\"" + name + "\""));
  }

  /** The synchronous standby, the one member a failover or switchover may promote. */
  String syncStandby() {
    JsonNode cluster = cluster();
    return StreamSupport.stream(cluster.path("members").spliterator(), false)
        .filter(m -> m.path("role").asText().equals("sync_standby"))
        .map(m -> m.path("name").asText())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no synchronous standby in " + cluster));
  }

  /** Patroni's REST {@code POST /switchover}, as {@code patronictl switchover} sends it. */
  void switchover(String leader, String candidate) {
    String body = "{\"leader\": \"" + leader + "\", \"candidate\": \"" + candidate + "\"}";
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(api(leader, "/switchover"))
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "switchover refused: " + response.statusCode() + " " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Patroni's view of the whole cluster, from the first member that answers. */
  private JsonNode cluster() {
    return members.keySet().stream()
        .map(name -> get(name, "/cluster"))
        .filter(json -> json != null)
        .findFirst()
        .orElse(null);
  }

  private static String read(Client etcd, String patroniKey) {
    try {
      var kvs =
          etcd.getKVClient()
              .get(Etcd.bytes(NAMESPACE + SCOPE + "/" + patroniKey))
              .get(2, TimeUnit.SECONDS)
              .getKvs();
      return kvs.isEmpty() ? "" : Etcd.text(kvs.get(0).getValue());
    } catch (Exception unreachable) {
      return "";
    }
  }

  private URI api(String name, String path) {
    return URI.create("http://" + members.get(name).restApi() + path);
  }

  private int status(String name, String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(api(name, path)).timeout(Duration.ofSeconds(1)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException unreachable) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private JsonNode get(String name, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(api(name, path)).timeout(Duration.ofSeconds(1)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    } catch (IOException unreachable) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  String logs() {
    return containers.values().stream().map(Podman.Container::logs).reduce("", String::concat);
  }

  /**
   * Keeps each member's log in the work directory ({@code <member>.log}), then removes the
   * containers.
   */
  @Override
  public void close() {
    containers.forEach(
        (name, container) -> {
          try {
            container.saveLogs(work.resolve(name + ".log"));
          } catch (IOException | RuntimeException unreadable) {
            // the logs are for reading afterwards; their loss must not keep a container running
          }
          container.close();
        });
  }
}
