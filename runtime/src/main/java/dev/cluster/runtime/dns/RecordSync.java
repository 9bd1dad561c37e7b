package dev.cluster.runtime.dns;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Keeps one A record set per name equal to the latest address set it was offered, with one Route 53
 * {@code ChangeResourceRecordSets} (an UPSERT per name, in one atomic batch) per settled change:
 *
 * <ul>
 *   <li>changes are debounced: a set is sent only once no other arrived for the debounce time, so
 *       instances starting together cost one request;
 *   <li>an empty set changes nothing: a front door with no live instance keeps its last records
 *       rather than taking the domain out of DNS;
 *   <li>a failed request is retried with exponential backoff (1 s doubling to 60 s) until it
 *       succeeds or a newer set replaces it.
 * </ul>
 *
 * All work runs on one thread, so requests never overlap.
 */
public final class RecordSync implements AutoCloseable {

  static final long TTL_SECONDS = 60;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  private final Route53Client route53;
  private final String zoneId;
  private final List<String> names;
  private final Duration debounce;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "dns-updater");
            t.setDaemon(true);
            return t;
          });
  private SortedSet<String> pending;
  private Set<String> applied;
  private ScheduledFuture<?> next;
  private Duration backoff = Duration.ZERO;

  public RecordSync(Route53Client route53, String zoneId, List<String> names, Duration debounce) {
    this.route53 = route53;
    this.zoneId = zoneId;
    this.names = List.copyOf(names);
    this.debounce = debounce;
  }

  /**
   * The addresses the records should hold now; applied after the debounce time if nothing newer
   * comes.
   */
  public void offer(Set<String> addresses) {
    SortedSet<String> copy = new TreeSet<>(addresses);
    worker.execute(
        () -> {
          pending = copy;
          schedule(backoff.compareTo(debounce) > 0 ? backoff : debounce);
        });
  }

  private void schedule(Duration delay) {
    if (next != null) {
      next.cancel(false);
    }
    next = worker.schedule(this::apply, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void apply() {
    if (pending == null) {
      return;
    }
    if (pending.isEmpty()) {
      System.out.println(
          "dns-updater: no live instance; keeping "
              + names
              + " at "
              + (applied == null ? "their current records" : applied));
      pending = null;
      return;
    }
    if (pending.equals(applied)) {
      pending = null;
      return;
    }
    try {
      ChangeResourceRecordSetsResponse response =
          route53.changeResourceRecordSets(
              r ->
                  r.hostedZoneId(zoneId)
                      .changeBatch(
                          b ->
                              b.comment("dns-updater: " + pending.size() + " live instances")
                                  .changes(names.stream().map(this::upsert).toList())));
      System.out.println(
          "dns-updater: "
              + names
              + " -> "
              + pending
              + " (change "
              + response.changeInfo().id()
              + ", "
              + response.changeInfo().statusAsString()
              + ")");
      applied = pending;
      pending = null;
      backoff = Duration.ZERO;
    } catch (SdkException e) {
      backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
      System.err.println(
          "dns-updater: Route 53 refused "
              + names
              + " -> "
              + pending
              + ": "
              + e.getMessage()
              + "; retrying in "
              + backoff.toMillis()
              + " ms");
      schedule(backoff);
    }
  }

  private Change upsert(String name) {
    return Change.builder()
        .action(ChangeAction.UPSERT)
        .resourceRecordSet(
            ResourceRecordSet.builder()
                .name(name)
                .type(RRType.A)
                .ttl(TTL_SECONDS)
                .resourceRecords(
                    pending.stream().map(a -> ResourceRecord.builder().value(a).build()).toList())
                .build())
        .build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
