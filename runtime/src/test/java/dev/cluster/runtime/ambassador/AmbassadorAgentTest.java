package dev.cluster.runtime.ambassador;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.runtime.presence.Instance;
import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.LineClient;
import dev.cluster.runtime.testing.NamedEchoServer;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.LeaderKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Real HAProxy processes steered by the ambassador agent from a real etcd cluster. */
class AmbassadorAgentTest {

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private Processes processes;
  private Client etcd;

  @BeforeEach
  void setUp() {
    Binaries.require("haproxy", "haproxy");
    processes = new Processes();
    etcd = ETCD.client();
  }

  @AfterEach
  void tearDown() {
    processes.close();
    etcd.close();
  }

  private int startAmbassador(String name, String mode, String targetJson) throws IOException {
    int port = FreePorts.next();
    Path config = dir.resolve(name + ".json");
    Files.writeString(
        config,
        """
                {"name": "%s", "listenPort": %d, "mode": "%s", "target": %s,
                 "healthCheck": {"kind": "tcp", "intervalMs": 500}}"""
            .formatted(name, port, mode, targetJson));
    processes.startAgent(
        List.of(
            "ambassador",
            "--etcd",
            ETCD.endpoints(),
            "--config",
            config.toString(),
            "--run-dir",
            dir.resolve(name).toString()),
        dir.resolve(name + ".log"));
    return port;
  }

  private static String instanceJson(NamedEchoServer server) {
    return new Instance("127.0.0.1", Map.of("main", server.port()), Instant.now().toString())
        .toJson();
  }

  private LeaderKey campaign(String election, NamedEchoServer candidate, long ttlSeconds)
      throws Exception {
    long lease = etcd.getLeaseClient().grant(ttlSeconds).get(5, TimeUnit.SECONDS).getID();
    return etcd.getElectionClient()
        .campaign(bytes(EtcdKeys.election(election)), lease, bytes(instanceJson(candidate)))
        .get(10, TimeUnit.SECONDS)
        .getLeader();
  }

  @Test
  void allModeFollowsPresenceKeys() throws Exception {
    try (NamedEchoServer one = new NamedEchoServer("one");
        NamedEchoServer two = new NamedEchoServer("two")) {
      int port =
          startAmbassador(
              "web", "all", "{\"kind\": \"instances\", \"service\": \"web\", \"port\": \"main\"}");
      etcd.getKVClient().put(bytes(EtcdKeys.instance("web", "1")), bytes(instanceJson(one))).get();
      etcd.getKVClient().put(bytes(EtcdKeys.instance("web", "2")), bytes(instanceJson(two))).get();
      Set<String> seen = new HashSet<>();
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(20),
              () -> {
                seen.add(LineClient.whoServes(port));
                return seen.containsAll(Set.of("one", "two"));
              }),
          "both instances must be served, saw " + seen);

      etcd.getKVClient().delete(bytes(EtcdKeys.instance("web", "1"))).get();
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(10),
              () -> {
                Set<String> now = new HashSet<>();
                for (int i = 0; i < 6; i++) {
                  now.add(LineClient.whoServes(port));
                }
                return now.equals(Set.of("two"));
              }),
          "a deleted instance must leave the backend");
    }
  }

  @Test
  void leaderChangeCutsConnectionsToTheOldLeaderOnly() throws Exception {
    try (NamedEchoServer oldLeader = new NamedEchoServer("old-leader");
        NamedEchoServer newLeader = new NamedEchoServer("new-leader");
        NamedEchoServer unrelated = new NamedEchoServer("unrelated")) {
      int leaderPort =
          startAmbassador(
              "redis",
              "leader",
              "{\"kind\": \"election\", \"name\": \"redis\", \"port\": \"main\"}");
      int otherPort =
          startAmbassador(
              "cache",
              "leader",
              "{\"kind\": \"election\", \"name\": \"cache\", \"port\": \"main\"}");
      LeaderKey first = campaign("redis", oldLeader, 30);
      campaign("cache", unrelated, 30);
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(20), () -> "old-leader".equals(LineClient.whoServes(leaderPort))));
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(20), () -> "unrelated".equals(LineClient.whoServes(otherPort))));

      try (LineClient toOldLeader = new LineClient(leaderPort, 5000);
          LineClient throughOtherAmbassador = new LineClient(otherPort, 5000)) {
        assertEquals("old-leader", toOldLeader.ask("hello"));
        assertEquals("unrelated", throughOtherAmbassador.ask("hello"));

        var second =
            etcd.getElectionClient()
                .campaign(
                    bytes(EtcdKeys.election("redis")),
                    etcd.getLeaseClient().grant(30).get().getID(),
                    bytes(instanceJson(newLeader)));
        long resignedAt = System.nanoTime();
        etcd.getElectionClient().resign(first).get(5, TimeUnit.SECONDS);
        second.get(5, TimeUnit.SECONDS);

        String afterChange = askUntilCut(toOldLeader);
        long cutMs = (System.nanoTime() - resignedAt) / 1_000_000;
        assertEquals(null, afterChange, "the old leader's connection must be cut");
        assertNotNull(
            Eventually.within(
                Duration.ofSeconds(10),
                () -> "new-leader".equals(LineClient.whoServes(leaderPort))),
            "new connections go to the new leader");
        assertEquals(
            "unrelated",
            throughOtherAmbassador.ask("still there?"),
            "a connection through an unrelated ambassador must survive");
        System.out.println(
            "ambassador: connection to the old leader cut "
                + cutMs
                + " ms after the leader resigned");
      }
    }
  }

  /**
   * Keeps using the connection until it is closed; fails if it still serves after ten seconds (the
   * resigned leader's server keeps answering: only the ambassador can end the session).
   */
  private static String askUntilCut(LineClient client) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try {
        if (client.ask("ping") == null) {
          return null;
        }
        Thread.sleep(10);
      } catch (IOException reset) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return "still connected";
  }
}
