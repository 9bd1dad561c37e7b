package dev.cluster.runtime.etcd;

import dev.cluster.runtime.elect.ElectAgent;
import dev.cluster.runtime.presence.Instance;
import dev.cluster.runtime.presence.PresenceAgent;
import dev.cluster.runtime.testing.BusyLoops;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.EtcdProxy;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.LineClient;
import dev.cluster.runtime.testing.NamedEchoServer;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.election.LeaderKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A frozen etcd member (SIGSTOP: it accepts TCP but answers nothing) behind the WORKER machines' local etcd proxy,
 * with the proxy configuration their boot renders, real HAProxy and real agents; the member frozen is the one
 * carrying the agent's connection. Quiet and under CPU starvation (two busy loops per core): the bounds are
 * liveness bounds, checked by sampling etcd and the ambassador, not stopwatches of normal speed.
 */
class FrozenEtcdMemberTest {

    private static final int TTL_SECONDS = 5;
    /** The presence key may be absent at most this long: the bound. */
    private static final Duration KEY_ABSENT_AT_MOST = Duration.ofSeconds(TTL_SECONDS + 2);
    /**
     * The longest the local proxy may take to cut a frozen member's sessions: two missed health checks
     * ({@code fall 2}), each up to {@code inter 1s} to start and {@code timeout check 1s} to fail.
     */
    private static final Duration PROXY_CUTS_WITHIN = Duration.ofSeconds(4);
    /**
     * New connections through the ambassador reach the new leader at most this long after the leader key moved, when
     * it moved at the very moment of the freeze (the worst case): the watch resumes on a live member once the proxy
     * cut its session, then the 2 s.
     */
    private static final Duration AMBASSADOR_STALE_AT_MOST = PROXY_CUTS_WITHIN.plusSeconds(2);
    /** How long the member stays frozen while the key is watched: beyond a lease's expiry plus the bound. */
    private static final Duration FROZEN_FOR = Duration.ofSeconds(20);
    /** Generous: JVMs starting on a starved machine. */
    private static final Duration STARTED_WITHIN = Duration.ofSeconds(90);

    @RegisterExtension
    static final EtcdCluster ETCD = new EtcdCluster(3);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private Processes processes;
    private Client etcd;

    @BeforeEach
    void setUp() throws Exception {
        processes = new Processes();
        etcd = ETCD.emptiedClient();
    }

    @AfterEach
    void tearDown() {
        processes.close();
        etcd.close();
        for (int i = 0; i < ETCD.size(); i++) {
            ETCD.thaw(i);
        }
        ETCD.awaitHealthy();
    }

    @Test
    void presenceKeyOutlivesTheFreezeOfTheMemberCarryingItsConnection() throws Exception {
        presenceThroughAFrozenMember(false);
    }

    @Test
    void presenceKeyOutlivesTheFreezeUnderCpuStarvation() throws Exception {
        presenceThroughAFrozenMember(true);
    }

    @Test
    void ambassadorFollowsTheLeaderKeyWhileTheMemberCarryingItsWatchIsFrozen() throws Exception {
        ambassadorThroughAFrozenMember(false);
    }

    @Test
    void ambassadorFollowsTheLeaderKeyUnderCpuStarvation() throws Exception {
        ambassadorThroughAFrozenMember(true);
    }

    private void presenceThroughAFrozenMember(boolean starved) throws Exception {
        String key = PresenceAgent.key("web", "frozen-member");
        try (EtcdProxy proxy = new EtcdProxy(ETCD, dir);
             BusyLoops load = starved ? new BusyLoops(dir.resolve("busy.log")) : null) {
            processes.startAgent(List.of("presence", "--etcd", proxy.endpoint(), "--service", "web",
                    "--instance", "frozen-member", "--host", "127.0.0.1", "--port", "http=" + FreePorts.next(),
                    "--ttl", String.valueOf(TTL_SECONDS)), dir.resolve("presence.log"));
            assertNotNull(Eventually.within(STARTED_WITHIN, () -> present(etcd, key) == Boolean.TRUE), "never registered");
            int frozen = carryingMember(proxy);

            ETCD.freeze(frozen);
            long frozenAt = System.nanoTime();
            try (Client observer = ETCD.clientWithout(frozen)) {
                Duration longestAbsence = Duration.ZERO;
                long absentSince = -1;
                while (true) {
                    Boolean present = present(observer, key);
                    long now = System.nanoTime();
                    if (present == Boolean.FALSE && absentSince < 0) {
                        absentSince = now;
                    } else if (present == Boolean.TRUE && absentSince >= 0) {
                        longestAbsence = max(longestAbsence, Duration.ofNanos(now - absentSince));
                        absentSince = -1;
                    }
                    if (absentSince >= 0 && Duration.ofNanos(now - absentSince).compareTo(KEY_ABSENT_AT_MOST) > 0) {
                        fail("the presence key has been absent for over " + KEY_ABSENT_AT_MOST + " while member "
                                + frozen + " is frozen; logs in " + dir);
                    }
                    if (present == Boolean.TRUE && Duration.ofNanos(now - frozenAt).compareTo(FROZEN_FOR) > 0) {
                        break;
                    }
                    if (Duration.ofNanos(now - frozenAt).compareTo(FROZEN_FOR.multipliedBy(4)) > 0) {
                        fail("etcd never answered whether the key is there; logs in " + dir);
                    }
                    Thread.sleep(100);
                }
                System.out.println("presence, member " + frozen + " frozen" + (starved ? ", CPU starved" : "")
                        + ": key absent at most " + longestAbsence.toMillis() + " ms");
            }
            assertNotEquals(frozen, proxy.memberCarryingTheSessions().orElse(-1),
                    "the proxy must have moved the agent's session off the frozen member");
        }
    }

    private void ambassadorThroughAFrozenMember(boolean starved) throws Exception {
        try (EtcdProxy proxy = new EtcdProxy(ETCD, dir);
             NamedEchoServer oldLeader = new NamedEchoServer("old-leader");
             NamedEchoServer newLeader = new NamedEchoServer("new-leader");
             BusyLoops load = starved ? new BusyLoops(dir.resolve("busy.log")) : null) {
            int port = FreePorts.next();
            Path config = dir.resolve("redis.json");
            Files.writeString(config, """
                    {"name": "redis", "listenPort": %d, "mode": "leader",
                     "target": {"kind": "election", "name": "redis", "port": "main"},
                     "healthCheck": {"kind": "tcp", "intervalMs": 500}}""".formatted(port));
            processes.startAgent(List.of("ambassador", "--etcd", proxy.endpoint(), "--config", config.toString(),
                    "--run-dir", dir.resolve("redis").toString()), dir.resolve("ambassador.log"));
            LeaderKey first = campaign(etcd, oldLeader);
            assertNotNull(Eventually.within(STARTED_WITHIN, () -> "old-leader".equals(LineClient.whoServes(port))),
                    "the ambassador never served the first leader; logs in " + dir);
            int frozen = carryingMember(proxy);

            ETCD.freeze(frozen);
            try (Client observer = ETCD.clientWithout(frozen)) {
                observer.getElectionClient().resign(first).get(30, TimeUnit.SECONDS);
                campaign(observer, newLeader);
                long movedAt = System.nanoTime();
                Duration stale = Eventually.within(FROZEN_FOR, () -> "new-leader".equals(LineClient.whoServes(port)));
                assertNotNull(stale, "new connections still not on the new leader " + FROZEN_FOR
                        + " after the leader key moved, member " + frozen + " frozen; logs in " + dir);
                System.out.println("ambassador, member " + frozen + " frozen" + (starved ? ", CPU starved" : "")
                        + ": new connections on the new leader " + stale.toMillis() + " ms after the key moved");
                assertTrue(stale.compareTo(AMBASSADOR_STALE_AT_MOST) <= 0, "the ambassador sent new connections to the "
                        + "old leader for " + stale.toMillis() + " ms after the leader key moved; logs in " + dir);
            }
        }
    }

    /** The member holding the agent's session through the proxy (the test's own client talks to the members directly). */
    private static int carryingMember(EtcdProxy proxy) {
        int[] member = {-1};
        assertNotNull(Eventually.within(Duration.ofSeconds(30), () -> {
            member[0] = proxy.memberCarryingTheSessions().orElse(-1);
            return member[0] >= 0;
        }), "no single member carries the agent's session through the proxy");
        return member[0];
    }

    private static LeaderKey campaign(Client client, NamedEchoServer candidate) throws Exception {
        long lease = client.getLeaseClient().grant(60).get(30, TimeUnit.SECONDS).getID();
        String instance = new Instance("127.0.0.1", Map.of("main", candidate.port()), Instant.now().toString()).toJson();
        return client.getElectionClient().campaign(bytes(ElectAgent.electionName("redis")), lease, bytes(instance))
                .get(30, TimeUnit.SECONDS).getLeader();
    }

    /** Whether the key is there, or null when etcd did not answer in time (a starved machine). */
    private static Boolean present(Client client, String key) {
        try {
            return !client.getKVClient().get(bytes(key)).get(2, TimeUnit.SECONDS).getKvs().isEmpty();
        } catch (Exception noAnswer) {
            return null;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
