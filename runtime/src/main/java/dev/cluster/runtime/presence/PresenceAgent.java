package dev.cluster.runtime.presence;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.Presence;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code presence --etcd URLS --service S --instance I --host H [--public-host P] --port NAME=N
 * [--port ...] [--ttl 5]}: keeps {@code /services/S/instances/I} under a lease while this process
 * lives. A crash lets the key expire within the TTL; SIGTERM revokes the lease so the key
 * disappears at once.
 */
public final class PresenceAgent {

  private static final Duration RECHECK = Duration.ofMillis(200);

  public static int run(AgentArgs<Presence> options) throws Exception {
    String key =
        EtcdKeys.instance(options.required(Presence.SERVICE), options.required(Presence.INSTANCE));
    Instance self =
        new Instance(
            options.required(Presence.HOST),
            options.get(Presence.PUBLIC_HOST, null),
            Instance.parsePorts(options.all(Presence.PORT)),
            Instant.now().toString());
    Duration ttl = Duration.ofSeconds(Long.parseLong(options.get(Presence.TTL, "5")));
    CountDownLatch stopped = new CountDownLatch(1);
    try (Client client = Etcd.connect(options.required(Presence.ETCD))) {
      AtomicReference<LeaseKeeper> current = new AtomicReference<>();
      // A registration and the stop exclude each other: SIGTERM right after a key was put, before
      // its lease was recorded, would otherwise revoke nothing and leave the key for a whole TTL.
      Object registration = new Object();
      AtomicBoolean stopping = new AtomicBoolean();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    synchronized (registration) {
                      stopping.set(true);
                      LeaseKeeper lease = current.get();
                      if (lease != null) {
                        lease.revoke(Duration.ofSeconds(5));
                      }
                    }
                    stopped.countDown(); // only now may the main thread close the client
                  }));
      do {
        synchronized (registration) {
          LeaseKeeper lease = current.get();
          if (!stopping.get() && (lease == null || lease.expired())) {
            // not registered yet (etcd, the local proxy or this JVM slow at boot: the first grant
            // is
            // retried like any other), or etcd was unreachable for longer than the TTL: the key is
            // gone, put it back
            if (lease != null) {
              lease.close();
            }
            try {
              current.set(register(client, key, self, ttl));
              System.out.println(
                  "presence: "
                      + (lease == null ? "registered " : "re-registered ")
                      + key
                      + " = "
                      + self.toJson());
            } catch (TimeoutException | ExecutionException notAnswered) {
              // retried at the next check
            }
          }
        }
      } while (!stopped.await(RECHECK.toMillis(), TimeUnit.MILLISECONDS));
    }
    return 0;
  }

  private static LeaseKeeper register(Client client, String key, Instance self, Duration ttl)
      throws Exception {
    LeaseKeeper lease = LeaseKeeper.grant(client, ttl);
    try {
      client
          .getKVClient()
          .put(
              Etcd.bytes(key),
              Etcd.bytes(self.toJson()),
              PutOption.builder().withLeaseId(lease.id()).build())
          .get(ttl.toMillis(), TimeUnit.MILLISECONDS);
      return lease;
    } catch (Exception notPut) {
      lease.close(); // a lease without the key is left to expire, not renewed by a second timer for
      // ever
      throw notPut;
    }
  }

  private PresenceAgent() {}
}
