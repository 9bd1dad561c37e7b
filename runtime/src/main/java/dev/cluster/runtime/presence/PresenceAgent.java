package dev.cluster.runtime.presence;

import dev.cluster.runtime.agent.Options;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.etcd.LeaseKeeper;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.PutOption;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code presence --etcd URLS --service S --instance I --host H [--public-host P] --port NAME=N [--port ...] [--ttl 5]}:
 * keeps
 * {@code /services/S/instances/I} under a lease while this process lives. A crash lets the key expire within the
 * TTL; SIGTERM revokes the lease so the key disappears at once.
 */
public final class PresenceAgent {

    private static final Duration RECHECK = Duration.ofMillis(200);

    public static String key(String service, String instance) {
        return "/services/" + service + "/instances/" + instance;
    }

    public static int run(Options options) throws Exception {
        String key = key(options.required("service"), options.required("instance"));
        Instance self = new Instance(options.required("host"), options.get("public-host", null),
                Instance.parsePorts(options.all("port")), Instant.now().toString());
        Duration ttl = Duration.ofSeconds(Long.parseLong(options.get("ttl", "5")));
        CountDownLatch stopped = new CountDownLatch(1);
        try (Client client = Etcd.connect(options.required("etcd"))) {
            AtomicReference<LeaseKeeper> current = new AtomicReference<>(register(client, key, self, ttl));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                current.get().revoke(Duration.ofSeconds(5));
                stopped.countDown(); // only now may the main thread close the client
            }));
            System.out.println("presence: registered " + key + " = " + self.toJson());
            while (!stopped.await(RECHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (current.get().expired()) {
                    // etcd was unreachable for longer than the TTL: the key is gone, put it back
                    current.get().close();
                    try {
                        current.set(register(client, key, self, ttl));
                        System.out.println("presence: re-registered " + key);
                    } catch (TimeoutException | ExecutionException stillUnreachable) {
                        // retried at the next check
                    }
                }
            }
        }
        return 0;
    }

    private static LeaseKeeper register(Client client, String key, Instance self, Duration ttl) throws Exception {
        LeaseKeeper lease = LeaseKeeper.grant(client, ttl);
        client.getKVClient()
                .put(Etcd.bytes(key), Etcd.bytes(self.toJson()), PutOption.builder().withLeaseId(lease.id()).build())
                .get(ttl.toMillis(), TimeUnit.MILLISECONDS);
        return lease;
    }

    private PresenceAgent() {
    }
}
