package dev.cluster.containers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A client inserting one row every 50 ms through one address (an ambassador or a plain HAProxy),
 * keeping every id the server acknowledged, with when and on which server. It keeps one connection
 * and opens a new one after any error, as a connection pool does.
 */
final class AcknowledgedWriter implements AutoCloseable {
  static final Duration PERIOD = Duration.ofMillis(50);

  /**
   * An acknowledged insert: its id, when the acknowledgement arrived (System.nanoTime) and the
   * server's address.
   */
  record Ack(long id, long atNanos, String server) {}

  private final String url;
  private final String table;
  private final List<Ack> acks = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** Creates {@code table} if missing and starts writing into it. */
  AcknowledgedWriter(String url, String table) {
    this.url = url;
    this.table = table;
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create table if not exists " + table + " (id bigint primary key, server inet not null)");
    } catch (SQLException e) {
      throw new AssertionError("cannot create " + table + " through " + url, e);
    }
    thread = new Thread(this::write, "writer-" + table);
    thread.setDaemon(true);
    thread.start();
  }

  private void write() {
    Connection connection = null;
    long next = 1;
    while (running) {
      long started = System.nanoTime();
      try {
        if (connection == null) {
          connection = DriverManager.getConnection(url);
        }
        try (PreparedStatement insert =
            connection.prepareStatement(
                "insert into "
                    + table
                    + " values (?, inet_server_addr()) returning host(inet_server_addr())")) {
          insert.setLong(1, next);
          try (ResultSet rs = insert.executeQuery()) {
            rs.next();
            record(new Ack(next, System.nanoTime(), rs.getString(1)));
          }
        }
      } catch (SQLException failed) {
        if (connection != null) {
          close(connection);
          connection = null;
        }
      }
      next++; // an id whose insert failed is never reused: it may have committed without an
      // acknowledgement
      sleepUntil(started + PERIOD.toNanos());
    }
    if (connection != null) {
      close(connection);
    }
  }

  private synchronized void record(Ack ack) {
    acks.add(ack);
  }

  synchronized List<Ack> acks() {
    return List.copyOf(acks);
  }

  Optional<Ack> firstAckAfter(long nanos) {
    return acks().stream().filter(a -> a.atNanos() > nanos).findFirst();
  }

  Optional<Ack> firstAckOn(String server, long afterNanos) {
    return acks().stream()
        .filter(a -> a.atNanos() > afterNanos && a.server().equals(server))
        .findFirst();
  }

  /**
   * Waits until a write acknowledged after {@code nanos}; the time from {@code nanos} to it, or
   * empty.
   */
  Optional<Duration> awaitAckAfter(long nanos, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Ack> ack = firstAckAfter(nanos);
      if (ack.isPresent()) {
        return Optional.of(Duration.ofNanos(ack.get().atNanos() - nanos));
      }
      sleepUntil(System.nanoTime() + PERIOD.toNanos());
    }
    return Optional.empty();
  }

  /**
   * The outage around an event: from the last write acknowledged before {@code nanos} to the first
   * one after it (with a write every 50 ms, the event-to-first-write time plus at most 50 ms).
   */
  Optional<Duration> outage(long nanos) {
    List<Ack> all = acks();
    long before =
        all.stream().filter(a -> a.atNanos() <= nanos).mapToLong(Ack::atNanos).max().orElse(nanos);
    return all.stream()
        .filter(a -> a.atNanos() > nanos)
        .findFirst()
        .map(after -> Duration.ofNanos(after.atNanos() - before));
  }

  /**
   * The longest time without an acknowledged write between {@code fromNanos} and {@code toNanos}.
   */
  Duration longestGap(long fromNanos, long toNanos) {
    long previous = fromNanos;
    long longest = 0;
    for (Ack ack : acks()) {
      if (ack.atNanos() > fromNanos && ack.atNanos() <= toNanos) {
        longest = Math.max(longest, ack.atNanos() - previous);
        previous = ack.atNanos();
      }
    }
    return Duration.ofNanos(Math.max(longest, toNanos - previous));
  }

  /**
   * The ids acknowledged so far that are missing from the table as the server reached through
   * {@code readUrl} has it now (a read that starts after an acknowledgement must see the row). The
   * writer may go on meanwhile.
   */
  Set<Long> lost(String readUrl) {
    List<Ack> acknowledged = acks();
    Set<Long> present = new HashSet<>();
    try (Connection connection = DriverManager.getConnection(readUrl);
        ResultSet rs = connection.createStatement().executeQuery("select id from " + table)) {
      while (rs.next()) {
        present.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new AssertionError("cannot read " + table + " through " + readUrl, e);
    }
    Set<Long> lost = new HashSet<>();
    acknowledged.forEach(
        a -> {
          if (!present.contains(a.id())) {
            lost.add(a.id());
          }
        });
    return lost;
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the connection is gone either way
    }
  }

  private static void sleepUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
