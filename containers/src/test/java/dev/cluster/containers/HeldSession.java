package dev.cluster.containers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * A session opened through a proxy and left waiting in a long statement, as a client's pooled
 * connection waits on its server: it learns the moment the proxy cuts it, since no client timeout
 * is set.
 */
final class HeldSession implements AutoCloseable {
  private final Connection connection;
  private final String server;
  private final Thread thread;
  private volatile long cutAtNanos = -1;

  /** Opens a session through {@code host:port}; {@link #server()} says where it landed. */
  HeldSession(String host, int port) throws SQLException {
    connection = DriverManager.getConnection(PatroniMembers.jdbcUrl(host, port, 0));
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select host(inet_server_addr())")) {
      rs.next();
      server = rs.getString(1);
    }
    thread =
        new Thread(
            () -> {
              try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_sleep(3600)");
              } catch (SQLException cut) {
                cutAtNanos = System.nanoTime();
              }
            },
            "held-session");
    thread.setDaemon(true);
    thread.start();
  }

  String server() {
    return server;
  }

  /** When the session was cut (System.nanoTime), if it was. */
  Optional<Long> cutAt() {
    return cutAtNanos < 0 ? Optional.empty() : Optional.of(cutAtNanos);
  }

  @Override
  public void close() {
    try {
      connection.abort(Runnable::run);
    } catch (SQLException ignored) {
      // closing either way
    }
  }
}
