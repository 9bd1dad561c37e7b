package dev.cluster.runtime.dns;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.aws.InProcessRoute53Endpoint;
import dev.cluster.runtime.deploy.aws.InProcessRoute53Endpoint.Batch;
import dev.cluster.runtime.deploy.aws.InProcessRoute53Endpoint.Change;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dns-updater} as a separate JVM, following a real one-member etcd and calling an in-process
 * Route 53 endpoint (not AWS) through the real SDK.
 */
class DnsUpdaterInProcessRoute53EndpointTest {

  private static final Map<String, String> CREDENTIALS =
      Map.of(
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
          "AWS_EC2_METADATA_DISABLED", "true");
  private static final Duration DEBOUNCE = Duration.ofMillis(1500);

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(1);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path logs;

  private Processes processes;
  private Client etcd;
  private InProcessRoute53Endpoint route53;
  private Path log;

  @BeforeEach
  void start() throws Exception {
    processes = new Processes();
    etcd = ETCD.client();
    route53 = new InProcessRoute53Endpoint();
    etcd.getKVClient()
        .delete(
            bytes("/services/"),
            io.etcd.jetcd.options.DeleteOption.builder().isPrefix(true).build())
        .get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    processes.close();
    etcd.close();
    route53.close();
  }

  private Process startUpdater(String service) {
    return startUpdater(service, "Z0123456789ABC");
  }

  private Process startUpdater(String service, String zone) {
    log = logs.resolve("dns-updater-" + service + ".log");
    return processes.startAgent(
        List.of(
            "dns-updater",
            "--zone",
            zone,
            "--name",
            "dev.example.com",
            "--name",
            "*.dev.example.com",
            "--service",
            service,
            "--etcd",
            ETCD.endpoints(),
            "--debounce-ms",
            String.valueOf(DEBOUNCE.toMillis()),
            "--endpoint-url",
            route53.url().toString()),
        log,
        CREDENTIALS);
  }

  private void put(String key, String json) throws Exception {
    etcd.getKVClient().put(bytes(key), bytes(json)).get(5, TimeUnit.SECONDS);
  }

  private void delete(String key) throws Exception {
    etcd.getKVClient().delete(bytes(key)).get(5, TimeUnit.SECONDS);
  }

  private List<Batch> awaitBatches(int count) throws Exception {
    assertNotNull(
        Eventually.within(Duration.ofSeconds(30), () -> route53.batches().size() >= count),
        () -> "expected " + count + " batches, got " + route53.batches() + "\n" + logText());
    Thread.sleep(DEBOUNCE.multipliedBy(2).toMillis()); // nothing more may follow
    assertEquals(count, route53.batches().size(), () -> route53.batches() + "\n" + logText());
    return route53.batches();
  }

  private String logText() {
    try {
      return Files.readString(log);
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static Batch upsertBoth(String... addresses) {
    return new Batch(
        "Z0123456789ABC",
        List.of(
            new Change("UPSERT", "dev.example.com", "A", 60, List.of(addresses)),
            new Change("UPSERT", "*.dev.example.com", "A", 60, List.of(addresses))));
  }

  @Test
  void twoInstancesAreOneUpsertOneGoneIsAnotherAndNoneKeepsTheLastRecords() throws Exception {
    startUpdater("nginx");
    Thread.sleep(3000); // the agent is watching; an empty service sends nothing
    assertEquals(List.of(), route53.batches());

    put(
        "/services/nginx/instances/1",
        "{\"host\":\"10.0.0.5\",\"publicAddress\":\"203.0.113.10\",\"ports\":{\"http\":80}}");
    put(
        "/services/nginx/instances/2",
        "{\"address\":\"10.0.0.6\",\"port\":80,\"publicAddress\":\"203.0.113.11\"}");
    assertEquals(List.of(upsertBoth("203.0.113.10", "203.0.113.11")), awaitBatches(1));

    delete("/services/nginx/instances/1");
    assertEquals(upsertBoth("203.0.113.11"), awaitBatches(2).get(1));

    delete("/services/nginx/instances/2");
    Thread.sleep(DEBOUNCE.multipliedBy(2).toMillis());
    assertEquals(
        2,
        route53.batches().size(),
        "the last instance leaving must not change DNS: " + route53.batches());
  }

  @Test
  void withoutPublicAddressTheHostIsUsed() throws Exception {
    put("/services/intranet/instances/1", "{\"host\":\"10.0.0.7\",\"ports\":{\"http\":80}}");
    startUpdater("intranet");
    assertEquals(List.of(upsertBoth("10.0.0.7")), awaitBatches(1));
  }

  /**
   * The local cluster's seam: its stack has no hosted zone, and its updater says so and stays,
   * changing nothing.
   */
  @Test
  void withoutHostedZoneItSaysItHasNothingToUpdateAndStays() throws Exception {
    Process updater = startUpdater("nginx", DnsUpdaterAgent.NO_ZONE);
    assertNotNull(
        Eventually.within(
            Duration.ofSeconds(60),
            () ->
                logText()
                    .contains(
                        "dns-updater: no Route 53 hosted zone (--zone none): nothing to update for [dev.example.com, *.dev.example.com]")),
        this::logText);
    put(
        "/services/nginx/instances/1",
        "{\"host\":\"10.0.0.5\",\"publicAddress\":\"203.0.113.10\",\"ports\":{\"http\":80}}");
    Thread.sleep(
        DEBOUNCE.multipliedBy(2).toMillis()); // a watching updater would have written by now
    assertEquals(List.of(), route53.batches());
    assertTrue(
        updater.isAlive(),
        "the updater without a zone must stay, or its unit restarts it forever: " + logText());
  }

  @Test
  void route53ErrorsAreRetriedWithBackoff() throws Exception {
    route53.refuseNext(2);
    put("/services/web/instances/1", "{\"host\":\"10.0.0.8\",\"ports\":{\"http\":80}}");
    startUpdater("web");
    assertEquals(List.of(upsertBoth("10.0.0.8")), awaitBatches(1));
    assertEquals(2, route53.refused());
  }
}
