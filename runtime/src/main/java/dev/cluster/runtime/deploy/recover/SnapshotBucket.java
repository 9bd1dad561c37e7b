package dev.cluster.runtime.deploy.recover;

import dev.cluster.runtime.deploy.aws.AwsErrors;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bucket the MAIN machines upload etcd snapshots to. A cluster's snapshots are under {@code
 * CLUSTER/} and carry the metadata {@code cluster=CLUSTER}; a snapshot whose key or metadata names
 * another cluster is refused, since restoring it would give this cluster another one's units.
 */
public final class SnapshotBucket {
  /** The user metadata key the machines set ({@code x-amz-meta-cluster}). */
  public static final String CLUSTER_METADATA = "cluster";

  private final S3Client s3;
  private final String bucket;

  public SnapshotBucket(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public String name() {
    return bucket;
  }

  /** The cluster's snapshots, newest first, every page of ListObjectsV2. */
  public List<Snapshot> list(String cluster) {
    List<S3Object> objects = new ArrayList<>();
    String token = null;
    try {
      do {
        String pageToken = token;
        ListObjectsV2Response page =
            s3.listObjectsV2(
                r -> r.bucket(bucket).prefix(cluster + "/").continuationToken(pageToken));
        page.contents().stream()
            .filter(object -> object.key().endsWith(".tar.gz"))
            .forEach(objects::add);
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (S3Exception e) {
      throw failure(e, "listing s3://" + bucket + "/" + cluster + "/");
    }
    objects.sort(
        Comparator.comparing(S3Object::lastModified).thenComparing(S3Object::key).reversed());
    return objects.stream()
        .map(o -> new Snapshot(o.key(), o.size(), String.valueOf(o.lastModified())))
        .toList();
  }

  /**
   * The snapshot at {@code key}, once its key prefix and its {@code cluster} metadata both say
   * {@code cluster}; anything else is refused before a single step is printed.
   */
  public Snapshot require(String cluster, String key) {
    String prefix = cluster + "/";
    if (!key.startsWith(prefix)) {
      String owner = key.contains("/") ? key.substring(0, key.indexOf('/')) : "no cluster";
      throw new DeployException(
          "snapshot "
              + key
              + " is not cluster "
              + cluster
              + "'s: its key says "
              + owner
              + " (this cluster's snapshots are under "
              + prefix
              + "); restoring it would bring back another cluster's units");
    }
    HeadObjectResponse head;
    try {
      head = s3.headObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new DeployException(
          "no snapshot s3://" + bucket + "/" + key + " (`recover` without --snapshot lists them)");
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new DeployException(
            "no snapshot s3://"
                + bucket
                + "/"
                + key
                + " (`recover` without --snapshot lists them)");
      }
      throw failure(e, "reading s3://" + bucket + "/" + key);
    }
    Map<String, String> metadata = head.metadata();
    String owner = metadata.get(CLUSTER_METADATA);
    if (owner == null || !owner.equals(cluster)) {
      throw new DeployException(
          "snapshot "
              + key
              + " is not cluster "
              + cluster
              + "'s: its metadata says "
              + (owner == null ? "no cluster" : "cluster=" + owner)
              + "; restoring it would bring back another cluster's units");
    }
    return new Snapshot(
        key,
        head.contentLength() == null ? 0 : head.contentLength(),
        String.valueOf(head.lastModified()));
  }

  /**
   * Downloads the snapshot at {@code key} (checked with {@link #require} first) to {@code file}.
   */
  public void download(String key, Path file) {
    try {
      Files.deleteIfExists(file);
      s3.getObject(r -> r.bucket(bucket).key(key), file);
    } catch (S3Exception e) {
      throw failure(e, "downloading s3://" + bucket + "/" + key);
    } catch (IOException e) {
      throw new DeployException("cannot write " + file + ": " + e.getMessage());
    }
  }

  private DeployException failure(S3Exception e, String what) {
    String code =
        e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    if (code.equals("NoSuchBucket")) {
      return new DeployException(
          "snapshot bucket "
              + bucket
              + " does not exist (is --snapshot-bucket, or the stack's output"
              + " EtcdSnapshotBucketName, right? is --region the stack's?)");
    }
    if (code.equals("AccessDenied") || e.statusCode() == 403) {
      return new DeployException(
          "S3 denied "
              + what
              + ": the caller needs s3:ListBucket on arn:aws:s3:::"
              + bucket
              + " and s3:GetObject on its objects (the machines' own role may only upload)");
    }
    DeployException general = AwsErrors.toDeployException(e);
    return new DeployException(general.getMessage() + " (" + what + ")", general.exitCode());
  }
}
