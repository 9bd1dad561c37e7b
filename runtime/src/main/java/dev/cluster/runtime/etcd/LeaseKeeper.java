package dev.cluster.runtime.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.Lease;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One etcd lease, renewed by this process with single keep-alive requests at a fixed period.
 *
 * <p>It remembers when the last keep-alive etcd confirmed was <em>sent</em>: etcd received it
 * later, so the lease cannot expire for anyone else before {@code confirmedAt + ttl}. That bound is
 * what fencing needs, and why this class does not use jetcd's streaming keep-alive (which hides
 * when a renewal last succeeded). Renewals are sent at a fixed rate without waiting for the
 * previous answer, so one slow answer (a loaded machine, an etcd leader election) does not delay
 * the next attempt; a late answer still counts from its own sending time.
 */
public final class LeaseKeeper implements AutoCloseable {

  private final Lease leases;
  private final long leaseId;
  private final Duration ttl;
  private final ScheduledExecutorService timer;
  private final AtomicLong confirmedAtNanos;
  private volatile boolean expired;

  private LeaseKeeper(Lease leases, long leaseId, Duration ttl, long grantedAtNanos) {
    this.leases = leases;
    this.leaseId = leaseId;
    this.ttl = ttl;
    this.confirmedAtNanos = new AtomicLong(grantedAtNanos);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lease-keeper-" + Long.toHexString(leaseId));
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Grants a lease of {@code ttl} and starts renewing it every {@code ttl / 10} (at most every 100
   * ms). Its life is counted from the grant request's sending, so a slow answer only shortens it;
   * the wait for the answer is a liveness bound (twice the TTL, at least 10 s), generous for a
   * loaded machine.
   */
  public static LeaseKeeper grant(Client client, Duration ttl) throws Exception {
    long sent = System.nanoTime();
    long waitMs = Math.max(10_000, 2 * ttl.toMillis());
    long id =
        client.getLeaseClient().grant(ttl.toSeconds()).get(waitMs, TimeUnit.MILLISECONDS).getID();
    LeaseKeeper keeper = new LeaseKeeper(client.getLeaseClient(), id, ttl, sent);
    long periodMs = Math.max(100, ttl.toMillis() / 10);
    keeper.timer.scheduleAtFixedRate(keeper::renew, periodMs, periodMs, TimeUnit.MILLISECONDS);
    return keeper;
  }

  private void renew() {
    if (expired) {
      return;
    }
    long sent = System.nanoTime();
    try {
      leases
          .keepAliveOnce(leaseId)
          .orTimeout(ttl.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (response, error) -> {
                if (error == null && response.getTTL() > 0) {
                  confirmedAtNanos.accumulateAndGet(sent, Math::max);
                } else if (error == null
                    || String.valueOf(error.getMessage()).contains("lease not found")) {
                  expired = true;
                }
              });
    } catch (RuntimeException clientRefused) {
      // a periodic task that throws is never run again: this renewal is lost, the next one is tried
      System.err.println(
          "lease " + Long.toHexString(leaseId) + ": renewal not sent: " + clientRefused);
    }
  }

  public long id() {
    return leaseId;
  }

  public Duration ttl() {
    return ttl;
  }

  /** Time since the last renewal etcd confirmed was sent (or since the grant request). */
  public Duration sinceConfirmed() {
    return Duration.ofNanos(System.nanoTime() - confirmedAtNanos.get());
  }

  /**
   * The {@link System#nanoTime} at which the last renewal etcd confirmed was sent (or the grant
   * request).
   */
  public long confirmedAtNanos() {
    return confirmedAtNanos.get();
  }

  /**
   * True once etcd said the lease is gone (a renewal answered with no TTL or "lease not found").
   */
  public boolean gone() {
    return expired;
  }

  /**
   * True once etcd said the lease is gone, or once it must have expired because no renewal got
   * through.
   */
  public boolean expired() {
    return expired || sinceConfirmed().compareTo(ttl) >= 0;
  }

  /** Stops renewing and revokes the lease, so the keys attached to it disappear at once. */
  public void revoke(Duration timeout) {
    timer.shutdownNow();
    try {
      leases.revoke(leaseId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception alreadyGoneOrUnreachable) {
      // the lease then expires on its own within its TTL
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
