package dev.cluster.runtime.presence;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static dev.cluster.runtime.etcd.Etcd.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.runtime.dns.ARecords;
import dev.cluster.runtime.etcd.EtcdEntry;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class PresenceAgentTest {

  private static final int TTL_SECONDS = 3;

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  private Processes processes;
  private Client etcd;

  @BeforeEach
  void connect() {
    processes = new Processes();
    etcd = ETCD.client();
  }

  @AfterEach
  void cleanUp() {
    processes.close();
    etcd.close();
  }

  private Process startPresence(String instance, int port, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "presence",
                "--etcd",
                ETCD.endpoints(),
                "--service",
                "web",
                "--instance",
                instance,
                "--host",
                "127.0.0.1",
                "--port",
                "http=" + port,
                "--ttl",
                String.valueOf(TTL_SECONDS)));
    args.addAll(List.of(more));
    return processes.startAgent(args, logs.resolve("presence-" + instance + ".log"));
  }

  private KeyValue read(String key) throws Exception {
    List<KeyValue> kvs = etcd.getKVClient().get(bytes(key)).get(2, TimeUnit.SECONDS).getKvs();
    return kvs.isEmpty() ? null : kvs.get(0);
  }

  private boolean present(String key) {
    try {
      return read(key) != null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void registersAddressWhileRunningAndExpiresWithinTtlAfterKill9() throws Exception {
    int port = FreePorts.next();
    Process agent = startPresence("1", port);
    String key = EtcdKeys.instance("web", "1");
    assertNotNull(
        Eventually.within(Duration.ofSeconds(20), () -> present(key)), "key never registered");

    Instance registered = Instance.fromJson(text(read(key).getValue()));
    assertEquals("127.0.0.1", registered.host());
    assertEquals(port, registered.port("http"));
    assertTrue(read(key).getLease() != 0, "the key must be attached to a lease");

    Thread.sleep(TTL_SECONDS * 1000L + 500);
    assertTrue(present(key), "keep-alive must keep the key beyond one TTL");

    Processes.kill9(agent);
    Duration gone = Eventually.within(Duration.ofSeconds(TTL_SECONDS + 1), () -> !present(key));
    assertNotNull(gone, "key still present " + (TTL_SECONDS + 1) + " s after kill -9");
  }

  @Test
  void aPublicInstanceAnnouncesItsPublicAddressWhichTheDnsUpdaterPublishes() throws Exception {
    startPresence("public", FreePorts.next(), "--public-host", "203.0.113.7");
    startPresence(
        "no-public", FreePorts.next(), "--public-host", ""); // a node.env without PUBLIC_IP
    String withPublic = EtcdKeys.instance("web", "public");
    String withoutPublic = EtcdKeys.instance("web", "no-public");
    assertNotNull(
        Eventually.within(
            Duration.ofSeconds(20), () -> present(withPublic) && present(withoutPublic)),
        "keys never registered");

    Instance announced = Instance.fromJson(text(read(withPublic).getValue()));
    assertEquals("127.0.0.1", announced.host());
    assertEquals("203.0.113.7", announced.publicAddress());
    assertNull(Instance.fromJson(text(read(withoutPublic).getValue())).publicAddress());

    List<EtcdEntry> entries =
        List.of(
            new EtcdEntry(withPublic, text(read(withPublic).getValue()), 0),
            new EtcdEntry(withoutPublic, text(read(withoutPublic).getValue()), 0));
    assertEquals(new TreeSet<>(List.of("203.0.113.7", "127.0.0.1")), ARecords.addresses(entries));
  }

  @Test
  void cleanStopRevokesTheLeaseAtOnce() throws Exception {
    Process agent = startPresence("2", FreePorts.next());
    String key = EtcdKeys.instance("web", "2");
    assertNotNull(
        Eventually.within(Duration.ofSeconds(20), () -> present(key)), "key never registered");

    Processes.terminate(agent);
    assertTrue(!present(key), "key must be gone as soon as the agent has exited after SIGTERM");
  }

  @Test
  void theKeyComesBackWhenEtcdReturnsAfterAnOutageLongerThanTheTtl() throws Exception {
    startPresence("3", FreePorts.next());
    String key = EtcdKeys.instance("web", "3");
    assertNotNull(
        Eventually.within(Duration.ofSeconds(20), () -> present(key)), "key never registered");

    ETCD.stopAll();
    Thread.sleep(TTL_SECONDS * 1000L + 1000);
    for (int member = 0; member < 3; member++) {
      ETCD.start(member);
    }
    ETCD.awaitHealthy();
    // etcd restores leases with a fresh TTL on restart: look again once the old lease must have
    // expired
    Thread.sleep(2 * TTL_SECONDS * 1000L);
    assertTrue(present(key), "the agent must be registered again once etcd is back");
  }
}
