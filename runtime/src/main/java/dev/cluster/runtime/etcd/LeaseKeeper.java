package dev.cluster.runtime.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One etcd lease, renewed by this process with single keep-alive requests at a fixed period.
 *
 * <p>It remembers when the last keep-alive etcd confirmed was <em>sent</em>: etcd received it later, so the lease
 * cannot expire for anyone else before {@code confirmedAt + ttl}. That bound is what fencing needs, and why this
 * class does not use jetcd's streaming keep-alive (which hides when a renewal last succeeded).
 */
public final class LeaseKeeper implements AutoCloseable {

    private final Lease leases;
    private final long leaseId;
    private final Duration ttl;
    private final ScheduledExecutorService timer;
    private volatile long confirmedAtNanos;
    private volatile boolean expired;

    private LeaseKeeper(Lease leases, long leaseId, Duration ttl, long grantedAtNanos) {
        this.leases = leases;
        this.leaseId = leaseId;
        this.ttl = ttl;
        this.confirmedAtNanos = grantedAtNanos;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-keeper-" + Long.toHexString(leaseId));
            t.setDaemon(true);
            return t;
        });
    }

    /** Grants a lease of {@code ttl} and starts renewing it every {@code ttl / 5} (at least every 100 ms). */
    public static LeaseKeeper grant(Client client, Duration ttl) throws Exception {
        long sent = System.nanoTime();
        long id = client.getLeaseClient().grant(ttl.toSeconds()).get(ttl.toMillis(), TimeUnit.MILLISECONDS).getID();
        LeaseKeeper keeper = new LeaseKeeper(client.getLeaseClient(), id, ttl, sent);
        long periodMs = Math.max(100, ttl.toMillis() / 5);
        keeper.timer.scheduleWithFixedDelay(() -> keeper.renew(periodMs), periodMs, periodMs, TimeUnit.MILLISECONDS);
        return keeper;
    }

    private void renew(long timeoutMs) {
        if (expired) {
            return;
        }
        long sent = System.nanoTime();
        try {
            LeaseKeepAliveResponse response = leases.keepAliveOnce(leaseId).get(timeoutMs, TimeUnit.MILLISECONDS);
            if (response.getTTL() > 0) {
                confirmedAtNanos = sent;
            } else {
                expired = true;
            }
        } catch (Exception unreachableOrExpired) {
            if (String.valueOf(unreachableOrExpired.getMessage()).contains("lease not found")) {
                expired = true;
            }
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
        return Duration.ofNanos(System.nanoTime() - confirmedAtNanos);
    }

    /** True once etcd said the lease is gone, or once it must have expired because no renewal got through. */
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
