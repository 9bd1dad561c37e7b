package dev.cluster.runtime.ambassador;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.runtime.etcd.EtcdEntry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void patroniLeaderIsTheMemberNamedByTheLeaderKey() {
    Target target = new Target.PatroniLeader("pg", "/service/");
    List<EtcdEntry> keys =
        List.of(
            new EtcdEntry("/service/pg/leader", "pg2", 9),
            new EtcdEntry(
                "/service/pg/members/pg1",
                "{\"conn_url\":\"postgres://127.0.0.2:5432/postgres\"}",
                3),
            new EtcdEntry(
                "/service/pg/members/pg2",
                "{\"conn_url\":\"postgres://127.0.0.3:5433/postgres\"}",
                4));
    assertEquals(Set.of(new Endpoint("127.0.0.3", 5433)), target.endpoints(keys));
    assertEquals(Set.of(), target.endpoints(keys.subList(1, 3)), "no leader key, no backend");
  }

  @Test
  void electionLeaderIsTheOldestCandidate() {
    Target target = new Target.ElectionLeader("redis", "main");
    List<EtcdEntry> candidates =
        List.of(
            new EtcdEntry(
                "/elections/redis/694d7",
                "{\"host\":\"127.0.0.1\",\"ports\":{\"main\":7002},\"startedAt\":\"x\"}",
                12),
            new EtcdEntry(
                "/elections/redis/694d5",
                "{\"host\":\"127.0.0.1\",\"ports\":{\"main\":7001},\"startedAt\":\"x\"}",
                10));
    assertEquals(Set.of(new Endpoint("127.0.0.1", 7001)), target.endpoints(candidates));
  }

  @Test
  void unreadableInstancesAreLeftOut() {
    Target target = new Target.Instances("web", "http");
    List<EtcdEntry> instances =
        List.of(
            new EtcdEntry(
                "/services/web/instances/1",
                "{\"host\":\"127.0.0.1\",\"ports\":{\"http\":8080},\"startedAt\":\"x\"}",
                5),
            new EtcdEntry("/services/web/instances/2", "not json", 6),
            new EtcdEntry(
                "/services/web/instances/3",
                "{\"host\":\"127.0.0.1\",\"ports\":{\"admin\":9},\"startedAt\":\"x\"}",
                7));
    assertEquals(Set.of(new Endpoint("127.0.0.1", 8080)), target.endpoints(instances));
  }
}
