package dev.cluster.runtime.testing;

import static dev.cluster.runtime.etcd.Etcd.bytes;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.runtime.presence.Instance;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.LeaderKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Issue 18's fault, for the test and the benchmark alike: an agent reaches etcd through the local
 * etcd proxy, and the member carrying its connection is frozen (SIGSTOP). What the agent's users
 * see is sampled from the other members and through the ambassador, never timed from the agent's
 * own logs. Every member is thawed afterwards.
 */
public final class FrozenMember {

  /**
   * How the agent's etcd client is started: the agents' class path, or another before it (the
   * benchmark's "before").
   */
  public interface AgentStarter {
    Process start(Processes processes, List<String> args, Path log);
  }

  /** The presence key's longest absence; {@code gaveUp} when it was still absent at the limit. */
  public record Absence(int frozenMember, Duration longest, boolean gaveUp) {}

  /**
   * How long after the leader key moved new connections through the ambassador reached the new
   * leader.
   */
  public record Staleness(int frozenMember, Duration afterTheMove) {}

  public static final AgentStarter AGENTS = Processes::startAgent;

  private final EtcdCluster etcd;
  private final Path dir;
  private final AgentStarter starter;
  private final Duration startedWithin;

  /**
   * @param startedWithin liveness bound for an agent's first registration (JVMs starting on a
   *     starved machine)
   */
  public FrozenMember(EtcdCluster etcd, Path dir, AgentStarter starter, Duration startedWithin) {
    this.etcd = etcd;
    this.dir = dir;
    this.starter = starter;
    this.startedWithin = startedWithin;
  }

  /**
   * Runs a presence agent (lease {@code ttl}) through {@code proxy}, freezes the member carrying
   * its session, and samples the key every 100 ms from the other members until the freeze has
   * lasted {@code frozenFor} and the key is there, or the key has been absent for {@code
   * giveUpAfter}.
   */
  public Absence presence(
      Processes processes, EtcdProxy proxy, int ttl, Duration frozenFor, Duration giveUpAfter)
      throws Exception {
    String key = EtcdKeys.instance("web", "frozen-member");
    starter.start(
        processes,
        List.of(
            "presence",
            "--etcd",
            proxy.endpoint(),
            "--service",
            "web",
            "--instance",
            "frozen-member",
            "--host",
            "127.0.0.1",
            "--port",
            "http=" + FreePorts.next(),
            "--ttl",
            String.valueOf(ttl)),
        dir.resolve("presence.log"));
    try (Client direct = etcd.client()) {
      require(
          Eventually.within(startedWithin, () -> Boolean.TRUE.equals(present(direct, key))),
          "never registered");
    }
    int frozen = carryingMember(proxy);
    etcd.freeze(frozen);
    try (Client observer = etcd.clientWithout(frozen)) {
      long frozenAt = System.nanoTime();
      Duration longest = Duration.ZERO;
      long absentSince = -1;
      while (true) {
        Boolean present = present(observer, key);
        long now = System.nanoTime();
        if (Boolean.FALSE.equals(present) && absentSince < 0) {
          absentSince = now;
        } else if (Boolean.TRUE.equals(present) && absentSince >= 0) {
          longest = max(longest, Duration.ofNanos(now - absentSince));
          absentSince = -1;
        }
        if (absentSince >= 0 && Duration.ofNanos(now - absentSince).compareTo(giveUpAfter) > 0) {
          return new Absence(frozen, Duration.ofNanos(now - absentSince), true);
        }
        if (Boolean.TRUE.equals(present)
            && Duration.ofNanos(now - frozenAt).compareTo(frozenFor) > 0) {
          return new Absence(frozen, longest, false);
        }
        if (Duration.ofNanos(now - frozenAt).compareTo(frozenFor.plus(giveUpAfter).multipliedBy(2))
            > 0) {
          throw new IllegalStateException(
              "etcd never answered whether the key is there; logs in " + dir);
        }
        Thread.sleep(100);
      }
    } finally {
      etcd.thaw(frozen);
    }
  }

  /**
   * Runs an ambassador following election {@code redis} through {@code proxy} with {@code
   * oldLeader} elected, freezes the member carrying its watch and at that moment (the worst case)
   * moves the leader key to {@code newLeader}; then opens new connections through the ambassador
   * until one reaches the new leader.
   */
  public Staleness ambassador(
      Processes processes,
      EtcdProxy proxy,
      NamedEchoServer oldLeader,
      NamedEchoServer newLeader,
      Duration giveUpAfter)
      throws Exception {
    return ambassador(processes, proxy, oldLeader, newLeader, Duration.ZERO, giveUpAfter);
  }

  /**
   * {@link #ambassador(Processes, EtcdProxy, NamedEchoServer, NamedEchoServer, Duration)}, the key
   * moved {@code moveAfter} into the freeze.
   */
  public Staleness ambassador(
      Processes processes,
      EtcdProxy proxy,
      NamedEchoServer oldLeader,
      NamedEchoServer newLeader,
      Duration moveAfter,
      Duration giveUpAfter)
      throws Exception {
    int port = FreePorts.next();
    Path config = dir.resolve("redis-" + port + ".json");
    Files.writeString(
        config,
        """
                {"name": "redis", "listenPort": %d, "mode": "leader",
                 "target": {"kind": "election", "name": "redis", "port": "main"},
                 "healthCheck": {"kind": "tcp", "intervalMs": 500}}"""
            .formatted(port));
    starter.start(
        processes,
        List.of(
            "ambassador",
            "--etcd",
            proxy.endpoint(),
            "--config",
            config.toString(),
            "--run-dir",
            dir.resolve("redis-" + port).toString()),
        dir.resolve("ambassador-" + port + ".log"));
    LeaderKey first;
    try (Client direct = etcd.client()) {
      first = campaign(direct, oldLeader);
      require(
          Eventually.within(
              startedWithin, () -> oldLeader.name().equals(LineClient.whoServes(port))),
          "the ambassador never served the first leader");
    }
    int frozen = carryingMember(proxy);
    etcd.freeze(frozen);
    try (Client observer = etcd.clientWithout(frozen)) {
      Thread.sleep(moveAfter.toMillis());
      // The frozen member may be raft's leader: until the others elect a new one, etcd answers "no
      // leader" or
      // "request timed out, possibly due to previous leader failure". The move is what is measured
      // from, so it is retried.
      untilEtcdAnswers(() -> observer.getElectionClient().resign(first).get(30, TimeUnit.SECONDS));
      untilEtcdAnswers(() -> campaign(observer, newLeader));
      Duration stale =
          Eventually.within(giveUpAfter, () -> newLeader.name().equals(LineClient.whoServes(port)));
      return new Staleness(frozen, stale == null ? giveUpAfter : stale);
    } finally {
      etcd.thaw(frozen);
    }
  }

  /**
   * Runs {@code call} again while etcd has no leader or times the request out (an election), for at
   * most a minute.
   */
  private static void untilEtcdAnswers(Callable<?> call) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try {
        call.call();
        return;
      } catch (ExecutionException e) {
        String why = String.valueOf(e.getMessage());
        if (System.nanoTime() > deadline
            || !(why.contains("request timed out") || why.contains("no leader"))) {
          throw e;
        }
      }
    }
  }

  private int carryingMember(EtcdProxy proxy) {
    int[] member = {-1};
    require(
        Eventually.within(
            Duration.ofSeconds(30),
            () -> {
              member[0] = proxy.memberCarryingTheSessions().orElse(-1);
              return member[0] >= 0;
            }),
        "no single member carries the agent's session through the proxy");
    return member[0];
  }

  private static LeaderKey campaign(Client client, NamedEchoServer candidate) throws Exception {
    long lease = client.getLeaseClient().grant(60).get(30, TimeUnit.SECONDS).getID();
    String instance =
        new Instance("127.0.0.1", Map.of("main", candidate.port()), Instant.now().toString())
            .toJson();
    return client
        .getElectionClient()
        .campaign(bytes(EtcdKeys.election("redis")), lease, bytes(instance))
        .get(30, TimeUnit.SECONDS)
        .getLeader();
  }

  /** Whether the key is there, or null when etcd did not answer in time (a starved machine). */
  private static Boolean present(Client client, String key) {
    try {
      return !client.getKVClient().get(bytes(key)).get(2, TimeUnit.SECONDS).getKvs().isEmpty();
    } catch (Exception noAnswer) {
      return null;
    }
  }

  private void require(Duration waited, String failure) {
    if (waited == null) {
      throw new IllegalStateException(failure + "; logs in " + dir);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
