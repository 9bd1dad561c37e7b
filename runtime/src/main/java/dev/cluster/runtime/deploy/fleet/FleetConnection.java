package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.cli.Invocation;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** fleet as the user pointed at it: {@code --fleet-url} directly, or {@code --tunnel} through ssh. */
public final class FleetConnection implements AutoCloseable {
    private final FleetClient client;
    private final SshTunnel tunnel;

    private FleetConnection(FleetClient client, SshTunnel tunnel) {
        this.client = client;
        this.tunnel = tunnel;
    }

    /** Whether the command line names a fleet endpoint; checked before anything changes. */
    public static boolean given(Invocation invocation) {
        if (invocation.has(Option.FLEET_URL) && invocation.has(Option.TUNNEL)) {
            throw new UsageException("give --fleet-url or --tunnel, not both");
        }
        invocation.value(Option.FLEET_URL).ifPresent(FleetConnection::parseUrl);
        return invocation.has(Option.FLEET_URL) || invocation.has(Option.TUNNEL);
    }

    public static Optional<FleetConnection> open(Invocation invocation, Console console) {
        if (!given(invocation)) {
            return Optional.empty();
        }
        Optional<String> url = invocation.value(Option.FLEET_URL);
        if (url.isPresent()) {
            return Optional.of(new FleetConnection(new FleetClient(parseUrl(url.get())), null));
        }
        SshTunnel tunnel = SshTunnel.open(invocation.value(Option.TUNNEL).orElseThrow(), console);
        return Optional.of(new FleetConnection(new FleetClient(tunnel.endpoint()), tunnel));
    }

    public FleetClient client() {
        return client;
    }

    @Override
    public void close() {
        if (tunnel != null) {
            tunnel.close();
        }
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new UsageException("--fleet-url must be an http(s) URL such as http://10.0.0.5:49153, got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--fleet-url is not a URL: " + e.getMessage());
        }
    }
}
