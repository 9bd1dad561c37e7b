package dev.cluster.apps.guard;

import java.util.logging.Logger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The guard's Jetty server: one connector on the app's published port, one {@link GuardServlet} for
 * every path.
 */
final class Guard implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Guard.class.getName());
  private final Server server;
  private final ServerConnector connector;

  private Guard(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  static Guard start(GuardSettings settings) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    // Paths go to the app as the client wrote them (Gerrit's project names carry %2F); the guard
    // itself matches only plain paths (AnonymousPaths), so an ambiguous one opens nothing here.
    http.setUriCompliance(UriCompliance.LEGACY);
    http.setSendServerVersion(false);
    // Each piece of an answer goes out as the app sends it: Jetty would otherwise gather small
    // writes until 8 KiB, and a long poll's event or a progress line would wait for more.
    http.setOutputAggregationSize(0);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.listenAddress());
    connector.setPort(settings.port());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    ServletHolder proxy =
        new ServletHolder(
            new GuardServlet(settings.trust(), settings.anonymous(), settings.backendPort()));
    proxy.setAsyncSupported(true);
    proxy.setInitParameter("preserveHost", "true");
    proxy.setInitParameter("idleTimeout", String.valueOf(settings.idleTimeout().toMillis()));
    // No bound on a whole exchange: a push of a large repository or a long poll may take longer
    // than any number chosen here; the idle timeout ends one whose peer went silent.
    proxy.setInitParameter("timeout", "0");
    context.addServlet(proxy, "/*");
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    LOG.info(
        () ->
            "guarding 127.0.0.1:"
                + settings.backendPort()
                + " on "
                + settings.listenAddress()
                + ":"
                + connector.getLocalPort()
                + (settings.trust().expectsSignIn() ? "" : "; no key: no identity is believed"));
    return new Guard(server, connector);
  }

  /** The port it listens on (the one asked for, or the one chosen for port 0). */
  int port() {
    return connector.getLocalPort();
  }

  void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
