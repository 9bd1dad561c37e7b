package dev.cluster.runtime.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows every key under a prefix: one read, then a watch from the revision after it, so no change
 * is missed between the two. After each change the listener gets the whole current set, on one
 * thread, in order. If the watch fails (etcd compacted the revision, or the cluster was away too
 * long), it reads again and watches anew.
 */
public final class PrefixWatcher implements AutoCloseable {

  private static final long RETRY_MS = 500;

  private final Client client;
  private final String prefix;
  private final Consumer<Collection<EtcdEntry>> listener;
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "prefix-watcher");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, EtcdEntry> current = new TreeMap<>();
  private Watch.Watcher watcher;
  private volatile boolean closed;

  public PrefixWatcher(Client client, String prefix, Consumer<Collection<EtcdEntry>> listener) {
    this.client = client;
    this.prefix = prefix;
    this.listener = listener;
  }

  public void start() {
    events.execute(this::readAndWatch);
  }

  private void readAndWatch() {
    if (closed) {
      return;
    }
    if (watcher != null) {
      watcher.close();
    }
    GetResponse snapshot;
    try {
      snapshot =
          client
              .getKVClient()
              .get(Etcd.bytes(prefix), GetOption.builder().isPrefix(true).build())
              .get(5, TimeUnit.SECONDS);
    } catch (Exception unreachable) {
      retryLater();
      return;
    }
    current.clear();
    snapshot.getKvs().forEach(kv -> current.put(Etcd.text(kv.getKey()), entry(kv)));
    listener.accept(List.copyOf(current.values()));
    WatchOption fromNextRevision =
        WatchOption.builder()
            .isPrefix(true)
            .withRevision(snapshot.getHeader().getRevision() + 1)
            .build();
    watcher =
        client
            .getWatchClient()
            .watch(
                Etcd.bytes(prefix),
                fromNextRevision,
                Watch.listener(
                    response -> events.execute(() -> apply(response)),
                    error -> events.execute(this::retryLater)));
  }

  private void retryLater() {
    if (!closed) {
      try {
        Thread.sleep(RETRY_MS);
      } catch (InterruptedException e) {
        return;
      }
      events.execute(this::readAndWatch);
    }
  }

  private void apply(WatchResponse response) {
    for (WatchEvent event : response.getEvents()) {
      String key = Etcd.text(event.getKeyValue().getKey());
      if (event.getEventType() == WatchEvent.EventType.DELETE) {
        current.remove(key);
      } else if (event.getEventType() == WatchEvent.EventType.PUT) {
        current.put(key, entry(event.getKeyValue()));
      }
    }
    listener.accept(List.copyOf(current.values()));
  }

  private static EtcdEntry entry(KeyValue kv) {
    return new EtcdEntry(Etcd.text(kv.getKey()), Etcd.text(kv.getValue()), kv.getCreateRevision());
  }

  @Override
  public void close() {
    closed = true;
    events.shutdownNow();
    if (watcher != null) {
      watcher.close();
    }
  }
}
