package dev.cluster.apps.apiproxy;

import dev.cluster.apps.common.Settings;
import dev.cluster.apps.common.testing.TestFrontDoor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cached GETs through the proxy (a real redis-server) against GETs to the upstream directly, with a
 * local upstream that answers at once and one that takes 50 ms like a remote API. Latency from one
 * client in sequence; throughput from {@link #CLIENTS} clients for {@link #LOAD}. Run by {@code
 * containers/bench/apps.sh}; prints figures, asserts nothing.
 */
public final class ApiProxyBenchmark {
  private static final int SEQUENTIAL = 1000;
  private static final int CLIENTS = 8;
  private static final Duration LOAD = Duration.ofSeconds(5);

  private ApiProxyBenchmark() {}

  public static void main(String[] args) throws Exception {
    Logger.getLogger("").setLevel(Level.WARNING); // the access log would measure the console
    // Without it the JDK's HttpServer (the stand-in upstream) waits on delayed ACKs: ~40 ms per
    // small reply.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path scratch = Path.of(args[0]);
    System.out.printf("%-50s %12s %12s %12s%n", "", "median ms", "p99 ms", "requests/s");
    try (RedisServer redis = RedisServer.start(scratch)) {
      for (Duration delay : List.of(Duration.ZERO, Duration.ofMillis(50))) {
        try (TestUpstream upstream = new TestUpstream(delay)) {
          Path config = scratch.resolve("api-proxy.json");
          Files.writeString(
              config,
              """
              { "service" : "bench", "apis" : [ { "prefix" : "/weather", "upstream" : "%s",
                "keyEnv" : "KEY", "keyIn" : "query", "keyName" : "appid", "cacheSeconds" : 600,
                "methods" : [ "GET" ], "paths" : [ "/**" ], "ratePerMinute" : 100000000 } ] }
              """
                  .formatted(upstream.baseUrl()));
          ProxyConfig proxyConfig =
              ProxyConfig.read(
                  config,
                  new Settings(
                      Map.of("KEY", "bench-key", ProxyConfig.ALLOW_HTTP_LOOPBACK, "true")));
          try (ApiProxyApp proxy =
              new ApiProxyApp(
                  proxyConfig,
                  0,
                  "127.0.0.1",
                  redis.port(),
                  Clock.systemUTC(),
                  TestFrontDoor.trust())) {
            String label = "upstream answering in " + delay.toMillis() + " ms";
            URI direct = URI.create(upstream.baseUrl() + "/forecast/oslo?appid=bench-key");
            URI cached = URI.create("http://127.0.0.1:" + proxy.port() + "/weather/forecast/oslo");
            report("  upstream directly (" + label + ")", direct);
            report("  through the proxy, cached", cached);
          }
        }
      }
    }
  }

  private static void report(String label, URI uri) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 200; i++) {
      get(http, uri); // warm-up, and fills the cache
    }
    long[] nanos = new long[SEQUENTIAL];
    for (int i = 0; i < SEQUENTIAL; i++) {
      long start = System.nanoTime();
      get(http, uri);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "%-50s %12.2f %12.2f %12.0f%n",
        label,
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) (nanos.length * 0.99)] / 1e6,
        throughput(uri));
  }

  private static double throughput(URI uri) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Future<Long>> counts = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      counts.add(
          clients.submit(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long done = 0;
                while (running.get()) {
                  get(http, uri);
                  done++;
                }
                return done;
              }));
    }
    Thread.sleep(LOAD.toMillis());
    running.set(false);
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get();
    }
    clients.shutdown();
    return total / (double) LOAD.toSeconds();
  }

  private static void get(HttpClient http, URI uri) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            TestFrontDoor.signedIn(HttpRequest.newBuilder(uri), "bench", "").build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(uri.getPath() + " answered " + response.statusCode());
    }
  }
}
