package dev.cluster.runtime.elect;

import dev.cluster.runtime.agent.Options;
import dev.cluster.runtime.agent.TiedChild;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.etcd.LeaseKeeper;
import dev.cluster.runtime.presence.Instance;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Election;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.watch.WatchEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code elect --etcd URLS --name N [--ttl 5] [--safety-margin-ms M] [--host H --port NAME=P ...]
 * [--docker-container C] -- command...}: campaigns in etcd's election {@code /elections/N} with a lease of the given
 * TTL; only the leader runs the command. With {@code --docker-container}, the command is a {@code docker run --name C}
 * and C is killed too whenever the child is stopped (see {@link DockerContainer}). Exit codes: the child's own code when it exits by itself (1 if it exited 0), 3 when leadership was
 * lost (the child was stopped first), 0 after SIGTERM (child stopped, resigned, lease revoked).
 */
public final class ElectAgent {

    public static final int LOST_LEADERSHIP = 3;

    public static String electionName(String name) {
        return "/elections/" + name;
    }

    public static int run(Options options) throws Exception {
        if (options.command().isEmpty()) {
            throw new IllegalArgumentException("elect needs the command to run after --");
        }
        String name = options.required("name");
        Duration ttl = Duration.ofSeconds(Long.parseLong(options.get("ttl", "5")));
        Fencing defaults = Fencing.forTtl(ttl);
        Duration margin = options.optional("safety-margin-ms").map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(defaults.safetyMargin());
        Fencing fencing = new Fencing(ttl, margin, margin.dividedBy(2));
        Optional<DockerContainer> container = options.optional("docker-container").map(DockerContainer::new);
        Instance self = new Instance(options.get("host", "127.0.0.1"), Instance.parsePorts(options.all("port")),
                Instant.now().toString());

        try (Client client = Etcd.connect(options.required("etcd"))) {
            LeaseKeeper lease = LeaseKeeper.grant(client, ttl);
            Election election = client.getElectionClient();
            CountDownLatch terminated = new CountDownLatch(1);
            AtomicBoolean stopping = new AtomicBoolean();
            AtomicReference<TiedChild> child = new AtomicReference<>();
            AtomicReference<LeaderKey> leadership = new AtomicReference<>();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                synchronized (child) {
                    stopping.set(true);
                    if (child.get() != null) {
                        stop(child.get(), container, fencing);
                    }
                }
                resignAndRevoke(election, leadership.get(), lease);
                terminated.countDown();
            }));
            try {
                return campaignAndLead(client, name, self, options.command(), lease, fencing, container, stopping, child,
                        leadership);
            } finally {
                if (stopping.get()) {
                    // SIGTERM: the hook resigns and revokes through this client, so it must not be closed before
                    terminated.await(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static int campaignAndLead(Client client, String name, Instance self, List<String> command, LeaseKeeper lease,
                                       Fencing fencing, Optional<DockerContainer> container, AtomicBoolean stopping,
                                       AtomicReference<TiedChild> child,
                                       AtomicReference<LeaderKey> leadership) throws Exception {
        Election election = client.getElectionClient();
        CompletableFuture<LeaderKey> campaign = election
                .campaign(Etcd.bytes(electionName(name)), lease.id(), Etcd.bytes(self.toJson()))
                .thenApply(r -> r.getLeader());
        while (!campaign.isDone()) {
            if (stopping.get()) {
                campaign.cancel(true);
                return 0;
            }
            if (lease.expired()) {
                campaign.cancel(true);
                System.out.println("elect: lease lost while campaigning for " + name);
                return LOST_LEADERSHIP;
            }
            Thread.sleep(Fencing.CHECK_PERIOD.toMillis());
        }
        leadership.set(campaign.get());
        if (fencing.mustStop(lease.sinceConfirmed())) {
            System.out.println("elect: elected too late in the lease's life; giving up " + name);
            return LOST_LEADERSHIP;
        }
        AtomicBoolean keyDeleted = new AtomicBoolean();
        try (Watch.Watcher watcher = watchDeletion(client, leadership.get().getKey(), keyDeleted)) {
            synchronized (child) {
                if (stopping.get()) {
                    return 0;
                }
                child.set(TiedChild.start(command));
            }
            System.out.println("elect: leader of " + name + ", running " + command);
            return superviseLeadership(child.get(), lease, fencing, container, keyDeleted, stopping, election,
                    leadership.get());
        }
    }

    private static int superviseLeadership(TiedChild child, LeaseKeeper lease, Fencing fencing,
                                           Optional<DockerContainer> container, AtomicBoolean keyDeleted,
                                           AtomicBoolean stopping, Election election, LeaderKey leadership)
            throws InterruptedException {
        while (true) {
            Thread.sleep(Fencing.CHECK_PERIOD.toMillis());
            if (stopping.get()) {
                return 0;
            }
            if (!child.alive()) {
                int code = child.exitCode();
                System.out.println("elect: child exited with " + code + "; resigning");
                container.ifPresent(c -> c.kill(fencing.stopGrace().dividedBy(2)));
                resignAndRevoke(election, leadership, lease);
                return code == 0 ? 1 : code;
            }
            boolean renewalOverdue = fencing.mustStop(lease.sinceConfirmed());
            if (renewalOverdue || lease.expired() || keyDeleted.get()) {
                stop(child, container, fencing);
                System.out.println("elect: leadership lost (" + (keyDeleted.get() ? "leader key deleted"
                        : "no confirmed lease renewal for " + lease.sinceConfirmed().toMillis() + " ms")
                        + "); child stopped");
                lease.revoke(Duration.ofMillis(200));
                return LOST_LEADERSHIP;
            }
        }
    }

    /** Within the stop grace: the child, then its container (each half of it when there is one). */
    private static void stop(TiedChild child, Optional<DockerContainer> container, Fencing fencing) {
        if (container.isEmpty()) {
            child.stop(fencing.stopGrace());
            return;
        }
        Duration half = fencing.stopGrace().dividedBy(2);
        child.stop(half);
        container.get().kill(half);
    }

    private static Watch.Watcher watchDeletion(Client client, ByteSequence key, AtomicBoolean deleted) {
        return client.getWatchClient().watch(key, response -> {
            for (WatchEvent event : response.getEvents()) {
                if (event.getEventType() == WatchEvent.EventType.DELETE) {
                    deleted.set(true);
                }
            }
        });
    }

    private static void resignAndRevoke(Election election, LeaderKey leadership, LeaseKeeper lease) {
        if (leadership != null) {
            try {
                election.resign(leadership).get(1, TimeUnit.SECONDS);
            } catch (Exception unreachable) {
                // revoking the lease below deletes the leader key too
            }
        }
        lease.revoke(Duration.ofSeconds(5));
    }

    private ElectAgent() {
    }
}
