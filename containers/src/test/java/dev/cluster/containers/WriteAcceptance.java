package dev.cluster.containers;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Which members accept writes, watched continuously: one thread per member commits a row straight
 * to it (not through any proxy) every 20 ms. "Accepting" means acknowledging a commit: a resumed
 * old primary whose commits wait for a synchronous standby that no longer follows it accepts
 * nothing. A member is taken to accept writes from the start of one acknowledged probe to the end
 * of the last one of an unbroken run of them; two members whose runs overlap accepted writes at the
 * same instant.
 */
final class WriteAcceptance implements AutoCloseable {
  private static final Duration PERIOD = Duration.ofMillis(20);

  record Probe(long sentNanos, long doneNanos, boolean acknowledged) {}

  /** A member's unbroken run of acknowledged probes. */
  record Run(String member, long fromNanos, long toNanos) {
    boolean overlaps(Run other) {
      return fromNanos <= other.toNanos && other.fromNanos <= toNanos;
    }
  }

  private final Map<String, List<Probe>> probes = new TreeMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  /**
   * Starts probing every member of {@code urls} (member name to its direct JDBC URL); {@code probe}
   * must exist.
   */
  WriteAcceptance(Map<String, String> urls) {
    urls.forEach(
        (member, url) -> {
          List<Probe> list = new ArrayList<>();
          probes.put(member, list);
          Thread thread = new Thread(() -> probe(url, list), "accepts-writes-" + member);
          thread.setDaemon(true);
          threads.add(thread);
          thread.start();
        });
  }

  static void createTable(String url) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create table if not exists probe (n bigserial primary key, server inet not null)");
    } catch (SQLException e) {
      throw new AssertionError("cannot create the probe table through " + url, e);
    }
  }

  private void probe(String url, List<Probe> list) {
    Connection connection = null;
    while (running) {
      long sent = System.nanoTime();
      boolean acknowledged;
      try {
        if (connection == null) {
          connection = DriverManager.getConnection(url);
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("insert into probe (server) values (inet_server_addr())");
        }
        acknowledged = true;
      } catch (SQLException refused) {
        acknowledged = false;
        // a standby refuses writes on a healthy connection: keep it; anything else, reconnect
        if (connection != null && !"25006".equals(refused.getSQLState())) {
          try {
            connection.close();
          } catch (SQLException ignored) {
            // gone either way
          }
          connection = null;
        }
      }
      synchronized (this) {
        list.add(new Probe(sent, System.nanoTime(), acknowledged));
      }
      long wait = sent + PERIOD.toNanos() - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  synchronized List<Run> runs() {
    List<Run> runs = new ArrayList<>();
    probes.forEach(
        (member, list) -> {
          Probe first = null;
          Probe last = null;
          for (Probe probe : list) {
            if (probe.acknowledged()) {
              first = first == null ? probe : first;
              last = probe;
            } else if (first != null) {
              runs.add(new Run(member, first.sentNanos(), last.doneNanos()));
              first = null;
            }
          }
          if (first != null) {
            runs.add(new Run(member, first.sentNanos(), last.doneNanos()));
          }
        });
    return runs;
  }

  /**
   * Every pair of runs of two members that overlap: each one an instant at which two members
   * accepted writes.
   */
  List<String> doubleAcceptance() {
    List<Run> runs = runs();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      for (int j = i + 1; j < runs.size(); j++) {
        Run a = runs.get(i);
        Run b = runs.get(j);
        if (!a.member().equals(b.member()) && a.overlaps(b)) {
          found.add(a + " overlaps " + b);
        }
      }
    }
    return found;
  }

  /**
   * When {@code member} first acknowledged a write after {@code nanos}: for a new primary, its
   * promotion.
   */
  synchronized Optional<Long> firstAcceptedAfter(String member, long nanos) {
    return probes.get(member).stream()
        .filter(p -> p.acknowledged() && p.sentNanos() > nanos)
        .map(Probe::doneNanos)
        .findFirst();
  }

  @Override
  public void close() {
    running = false;
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
