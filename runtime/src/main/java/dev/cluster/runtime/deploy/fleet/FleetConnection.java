package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.cli.Invocation;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.config.EtcdConnection;
import dev.cluster.runtime.deploy.console.Console;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * fleet as the user pointed at it: {@code --fleet-url} directly, or {@code --tunnel} through ssh;
 * and etcd's client port, at {@code --etcd-url} or through the same tunnel.
 */
public final class FleetConnection implements AutoCloseable {
  private final FleetClient client;
  private final SshTunnel tunnel;
  private final EtcdConnection etcd;

  private FleetConnection(FleetClient client, SshTunnel tunnel, EtcdConnection etcd) {
    this.client = client;
    this.tunnel = tunnel;
    this.etcd = etcd;
  }

  /** Whether the command line names a fleet endpoint; checked before anything changes. */
  public static boolean given(Invocation invocation) {
    if (invocation.has(Option.FLEET_URL) && invocation.has(Option.TUNNEL)) {
      throw new UsageException("give --fleet-url or --tunnel, not both");
    }
    if (invocation.has(Option.ETCD_URL) && invocation.has(Option.TUNNEL)) {
      throw new UsageException(
          "give --etcd-url or --tunnel, not both (--tunnel forwards etcd's port too)");
    }
    invocation.value(Option.FLEET_URL).ifPresent(url -> parseUrl(Option.FLEET_URL, url));
    invocation.value(Option.ETCD_URL).ifPresent(url -> parseUrl(Option.ETCD_URL, url));
    return invocation.has(Option.FLEET_URL) || invocation.has(Option.TUNNEL);
  }

  public static Optional<FleetConnection> open(Invocation invocation, Console console) {
    if (!given(invocation)) {
      return Optional.empty();
    }
    EtcdConnection etcd =
        invocation
            .value(Option.ETCD_URL)
            .map(u -> EtcdConnection.to(parseUrl(Option.ETCD_URL, u)))
            .orElse(null);
    Optional<String> url = invocation.value(Option.FLEET_URL);
    if (url.isPresent()) {
      return Optional.of(
          new FleetConnection(new FleetClient(parseUrl(Option.FLEET_URL, url.get())), null, etcd));
    }
    SshTunnel tunnel = SshTunnel.open(invocation.value(Option.TUNNEL).orElseThrow(), console);
    return Optional.of(
        new FleetConnection(
            new FleetClient(tunnel.endpoint()), tunnel, EtcdConnection.to(tunnel.etcdEndpoint())));
  }

  /** Whether the command line gives a way to etcd ({@code --etcd-url} or {@code --tunnel}). */
  public static boolean reachesEtcd(Invocation invocation) {
    return invocation.has(Option.ETCD_URL) || invocation.has(Option.TUNNEL);
  }

  public FleetClient client() {
    return client;
  }

  /** etcd, when {@link #reachesEtcd} */
  public Optional<EtcdConnection> etcd() {
    return Optional.ofNullable(etcd);
  }

  @Override
  public void close() {
    if (etcd != null) {
      etcd.close();
    }
    if (tunnel != null) {
      tunnel.close();
    }
  }

  private static URI parseUrl(Option option, String url) {
    String example = option == Option.ETCD_URL ? "http://10.0.0.5:2379" : "http://10.0.0.5:49153";
    try {
      URI uri = new URI(url);
      if (option == Option.ETCD_URL && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
        // the machines' etcd serves its client port without TLS, and jetcd would not use TLS
        // without certificates
        throw new UsageException(
            option.flag()
                + " must be an http URL such as "
                + example
                + " (etcd's client port"
                + " speaks no TLS), got '"
                + url
                + "'");
      }
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new UsageException(
            option.flag() + " must be an http(s) URL such as " + example + ", got '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(option.flag() + " is not a URL: " + e.getMessage());
    }
  }
}
