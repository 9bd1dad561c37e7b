package dev.cluster.runtime.dns;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.DnsUpdater;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.etcd.PrefixWatcher;
import io.etcd.jetcd.Client;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * {@code dns-updater --zone ZONE_ID --name NAME [--name NAME ...] --service S --etcd URLS
 * [--debounce-ms 2000] [--endpoint-url URL]}: follows {@code /services/S/instances/} with a watch
 * and keeps an A record set (TTL 60) per NAME in the Route 53 hosted zone equal to the instances'
 * addresses. See {@link RecordSync} for when it writes. With {@code --zone none} ({@link #NO_ZONE},
 * the local cluster) it says that it has nothing to update, and stays.
 */
public final class DnsUpdaterAgent {
  /**
   * The hosted zone of a cluster without Route 53 (the local cluster's {@code HostedZoneId}):
   * nothing to update. On AWS it cannot occur, since CloudFormation takes only an existing zone's
   * id for that parameter's type.
   */
  public static final String NO_ZONE = "none";

  public static int run(AgentArgs<DnsUpdater> options) throws Exception {
    String zone;
    List<String> names;
    String service;
    String endpoints;
    Duration debounce;
    try {
      zone = options.required(DnsUpdater.ZONE);
      names = options.all(DnsUpdater.NAME);
      if (names.isEmpty()) {
        throw new IllegalArgumentException("missing --name");
      }
      service = options.required(DnsUpdater.SERVICE);
      endpoints = options.required(DnsUpdater.ETCD);
      debounce = Duration.ofMillis(Long.parseLong(options.get(DnsUpdater.DEBOUNCE_MS, "2000")));
    } catch (IllegalArgumentException e) {
      System.err.println("dns-updater: " + e.getMessage());
      return 2;
    }
    if (zone.equals(NO_ZONE)) {
      return idle(names);
    }
    SdkHttpClient http = UrlConnectionHttpClient.create();
    // Route 53 is global: its API lives in us-east-1 (aws-global); retries are RecordSync's, with
    // its backoff
    Route53ClientBuilder builder =
        Route53Client.builder()
            .region(Region.AWS_GLOBAL)
            .httpClient(http)
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    options.optional(DnsUpdater.ENDPOINT_URL).map(URI::create).ifPresent(builder::endpointOverride);
    CountDownLatch stopped = new CountDownLatch(1);
    String prefix = EtcdKeys.instances(service);
    try (http;
        Route53Client route53 = builder.build();
        Client client = Etcd.connect(endpoints);
        RecordSync sync = new RecordSync(route53, zone, names, debounce);
        PrefixWatcher watcher =
            new PrefixWatcher(
                client, prefix, instances -> sync.offer(ARecords.addresses(instances)))) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      watcher.start();
      System.out.println("dns-updater: following " + prefix + " for " + names + " in zone " + zone);
      stopped.await();
    }
    return 0;
  }

  /**
   * Says that there is nothing to update and stays, so that its unit is active rather than
   * restarting.
   */
  private static int idle(List<String> names) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    System.out.println(
        "dns-updater: no Route 53 hosted zone (--zone "
            + NO_ZONE
            + "): nothing to update for "
            + names);
    stopped.await();
    return 0;
  }

  private DnsUpdaterAgent() {}
}
