package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.patroni.PatroniHa;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two Patroni members on one etcd elect a leader, the other one streams the leader's writes, and
 * takes over with them when the leader's container is removed.
 */
class PostgresPatroniImageTest {
  private static final String CONFIG =
      Podman.CONTAINERS.resolve("src/test/resources/postgres-patroni/patroni.yml").toString();
  private static final List<String> SUPERUSER = List.of("-e", "PGPASSWORD=super-secret");

  record Member(Podman.Container container, int restPort, int pgPort) {}

  @Test
  void electsALeaderWhoseWritesAReplicaReadsAndKeepsAfterFailover() {
    String image = Podman.image("postgres-patroni");
    List<Member> members = new ArrayList<>();
    try (var etcd = new HostEtcd()) {
      try {
        for (int i = 0; i < 2; i++) {
          members.add(start(image, "member" + i, etcd));
        }
        Wait.until(
            Duration.ofSeconds(90),
            "one member leads and the other replicates",
            () ->
                members.stream().filter(m -> role(m).equals("leader")).count() == 1
                    && members.stream().filter(m -> role(m).equals("replica")).count() == 1,
            () -> members.stream().map(m -> m.container().logs()).reduce("", String::concat));
        Member leader =
            members.stream().filter(m -> role(m).equals("leader")).findFirst().orElseThrow();
        Member replica = members.stream().filter(m -> m != leader).findFirst().orElseThrow();

        psql(leader, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('acknowledged')")
            .orFail();
        Wait.until(
            Duration.ofSeconds(30),
            "the replica reads the leader's row",
            () -> psql(replica, "SELECT body FROM notes").out().equals("acknowledged\n"),
            () -> psql(replica, "SELECT body FROM notes").describe());
        assertEquals(
            "t\n",
            psql(replica, "SELECT pg_is_in_recovery()").orFail().out(),
            "the replica is a standby");
        leader.container().awaitHealthy(Duration.ofSeconds(30));
        assertEquals("postgres\n", leader.container().exec("id", "-un").orFail().out());

        leader.container().close();
        // The leader key expires after the test config's ttl (10 s); then the replica promotes
        // itself.
        Wait.until(
            Duration.ofSeconds(60),
            "the replica becomes the leader",
            () -> role(replica).equals("leader"),
            () -> replica.container().logs());
        psql(replica, "INSERT INTO notes VALUES ('after failover')").orFail();
        assertEquals(
            "acknowledged\nafter failover\n",
            psql(replica, "SELECT body FROM notes ORDER BY body").orFail().out());
      } finally {
        members.forEach(m -> m.container().close());
      }
    }
  }

  @Test
  void theImageDefaultsAreTheClustersZeroLossSettings() throws IOException {
    String defaults = Files.readString(Podman.CONTAINERS.resolve("postgres-patroni/patroni.yml"));
    for (String setting : PatroniHa.ZERO_LOSS.settingLines()) {
      assertTrue(defaults.contains(" " + setting + "\n"), setting + " in\n" + defaults);
    }
  }

  private static Member start(String image, String name, HostEtcd etcd) {
    int rest = Wait.freePort();
    int pg = Wait.freePort();
    var container =
        Podman.run(
            image,
            List.of(
                "-v", CONFIG + ":/etc/patroni/test.yml:ro,Z",
                "-e", "PATRONI_CONFIG_FILE=/etc/patroni/test.yml",
                "-e", "PATRONI_NAME=" + name,
                "-e", "PATRONI_ETCD3_HOSTS=" + etcd.hostPort(),
                "-e", "PATRONI_RESTAPI_LISTEN=127.0.0.1:" + rest,
                "-e", "PATRONI_RESTAPI_CONNECT_ADDRESS=127.0.0.1:" + rest,
                "-e", "PATRONI_POSTGRESQL_LISTEN=127.0.0.1:" + pg,
                "-e", "PATRONI_POSTGRESQL_CONNECT_ADDRESS=127.0.0.1:" + pg));
    return new Member(container, rest, pg);
  }

  /** "leader", "replica" or "" from Patroni's REST API, whose status codes say the role. */
  private static String role(Member member) {
    for (String role : List.of("leader", "replica")) {
      try {
        var response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + member.restPort() + "/" + role))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return role;
        }
      } catch (IOException e) {
        return "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
    return "";
  }

  private static Command.Result psql(Member member, String sql) {
    return member
        .container()
        .exec(
            SUPERUSER,
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(member.pgPort()),
            "-U",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-tAc",
            sql);
  }
}
