package dev.cluster.runtime.deploy.recover;

import java.time.Instant;

/**
 * One etcd snapshot in the bucket: a tar.gz with {@code etcd-v3.db} and {@code fleet-v2.json}, as
 * {@code /opt/bin/etcd-snapshot} uploads it to {@code CLUSTER/TIMESTAMP-INSTANCE.tar.gz}.
 */
public record Snapshot(String key, long size, Instant lastModified) {
    /** The file name the runbook downloads it to. */
    public String fileName() {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
