package dev.cluster.runtime.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** Connects to etcd's v3 API and converts keys and values, so each agent does it the same way. */
public final class Etcd {

  /**
   * How long a connection may stay silent while a call waits on it before the client pings it:
   * gRPC-Java's floor (it raises anything shorter to 10 s), and above etcd's {@code
   * --grpc-keepalive-min-time} (5 s), under which etcd answers pings with GOAWAY. jetcd's default,
   * 30 s, kept a frozen member's connection for 40 s.
   */
  static final Duration KEEPALIVE_TIME = Duration.ofSeconds(10);

  /**
   * How long an unanswered ping may wait before the connection is closed and the call retried on a
   * new one.
   */
  static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(2);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private Etcd() {}

  /**
   * A client that gives up a dead or frozen connection (a member that no longer answers, behind the
   * local proxy or not) within {@link #KEEPALIVE_TIME} + {@link #KEEPALIVE_TIMEOUT} of silence, and
   * reconnects: through the machines' local proxy that lands on a live member. The proxy cuts a
   * frozen member's sessions sooner ({@code etcd-proxy-config}); this is the bound when nothing
   * else notices. Pings only while a call (a watch, a lease renewal) is open: etcd treats pings on
   * an idle connection as abuse.
   *
   * @param endpoints comma-separated client URLs, e.g. {@code
   *     http://127.0.0.1:2379,http://127.0.0.1:2479}
   */
  public static Client connect(String endpoints) {
    return builder(endpoints).build();
  }

  /** The builder {@link #connect} builds, for a client that needs one more setting. */
  public static ClientBuilder builder(String endpoints) {
    return Client.builder()
        .endpoints(Arrays.stream(endpoints.split(",")).map(String::trim).toArray(String[]::new))
        .connectTimeout(CONNECT_TIMEOUT)
        .keepaliveTime(KEEPALIVE_TIME)
        .keepaliveTimeout(KEEPALIVE_TIMEOUT)
        .keepaliveWithoutCalls(false);
  }

  public static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }

  public static String text(ByteSequence bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
