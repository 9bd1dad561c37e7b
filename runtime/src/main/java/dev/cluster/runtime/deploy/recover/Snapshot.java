package dev.cluster.runtime.deploy.recover;

/**
 * One etcd snapshot in the bucket: a tar.gz with {@code etcd-v3.db} and {@code fleet-v2.json}, as
 * {@code /opt/bin/etcd-snapshot} uploads it to {@code CLUSTER/TIMESTAMP-INSTANCE.tar.gz}.
 *
 * @param lastModified when S3 stored it, ISO-8601 in UTC
 */
public record Snapshot(String key, long size, String lastModified) {
  /** The file name the runbook downloads it to. */
  public String fileName() {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
