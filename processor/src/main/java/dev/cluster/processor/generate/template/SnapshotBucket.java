package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Role;

/**
 * The S3 bucket the MAIN machines upload etcd snapshots to: encrypted (SSE-KMS with the AWS managed
 * key), versioned, locked for a week (Object Lock, governance mode), private (public access block,
 * objects owned by the bucket owner, TLS-only bucket policy), old snapshots expired by a lifecycle
 * rule. No server access logging: see docs/CONTROLS.md. The machines may only put objects under
 * {@code <cluster>/}; reading and deleting is left to people (the deploy client's {@code recover}).
 */
public final class SnapshotBucket {
  /** The bucket's logical id; {@code Ref} gives its name. */
  public static final String LOGICAL_ID = "EtcdSnapshotBucket";

  /** The stack output with the bucket's name, which the deploy client's {@code recover} reads. */
  public static final String OUTPUT = "EtcdSnapshotBucketName";

  /** Days a snapshot stays current; then it becomes a noncurrent version. */
  static final int CURRENT_DAYS = 14;

  /**
   * Days a noncurrent version (an expired or overwritten snapshot) is kept before S3 deletes it.
   */
  static final int NONCURRENT_DAYS = 7;

  /** Days S3's Object Lock (governance mode) keeps a snapshot from being deleted or overwritten. */
  static final int RETENTION_DAYS = 7;

  private SnapshotBucket() {}

  /** Whether the cluster has etcd members to snapshot. */
  public static boolean wanted(ClusterModel model) {
    return model.nodeGroups().stream().anyMatch(g -> g.role() == Role.MAIN);
  }

  /**
   * The key prefix the snapshots of a cluster go under, and the only one its machines may write.
   */
  public static String prefix(ClusterModel model) {
    return model.cluster().name() + "/";
  }

  static void add(ClusterModel model, ObjectNode resources) {
    String cluster = model.cluster().name();
    ObjectNode bucket = Cfn.resource(resources, LOGICAL_ID, "AWS::S3::Bucket");
    ((ObjectNode) resources.get(LOGICAL_ID))
        .put("DeletionPolicy", "Retain")
        .put("UpdateReplacePolicy", "Retain");
    bucket
        .putObject("BucketEncryption")
        .putArray("ServerSideEncryptionConfiguration")
        .addObject()
        .put("BucketKeyEnabled", true)
        // The account's AWS managed key for S3 (aws/s3): its key policy lets the account's
        // principals use it
        // through S3, so neither the machines nor the people restoring need KMS permissions of
        // their own.
        .putObject("ServerSideEncryptionByDefault")
        .put("SSEAlgorithm", "aws:kms");
    bucket.putObject("VersioningConfiguration").put("Status", "Enabled");
    bucket
        .putObject("PublicAccessBlockConfiguration")
        .put("BlockPublicAcls", true)
        .put("BlockPublicPolicy", true)
        .put("IgnorePublicAcls", true)
        .put("RestrictPublicBuckets", true);
    // A snapshot cannot be deleted or overwritten for RETENTION_DAYS, even by someone whose
    // credentials leaked.
    bucket.put("ObjectLockEnabled", true);
    bucket
        .putObject("ObjectLockConfiguration")
        .put("ObjectLockEnabled", "Enabled")
        .putObject("Rule")
        .putObject("DefaultRetention")
        .put("Mode", "GOVERNANCE")
        .put("Days", RETENTION_DAYS);
    // Uploads as events on the account's default EventBridge bus: free until a rule (an alert on
    // missing snapshots, say) listens to them.
    bucket
        .putObject("NotificationConfiguration")
        .putObject("EventBridgeConfiguration")
        .put("EventBridgeEnabled", true);
    bucket
        .putObject("OwnershipControls")
        .putArray("Rules")
        .addObject()
        .put("ObjectOwnership", "BucketOwnerEnforced");
    ObjectNode rule = bucket.putObject("LifecycleConfiguration").putArray("Rules").addObject();
    rule.put("Id", "expire-old-snapshots");
    rule.put("Status", "Enabled");
    rule.put("ExpirationInDays", CURRENT_DAYS);
    rule.putObject("NoncurrentVersionExpiration").put("NoncurrentDays", NONCURRENT_DAYS);
    rule.putObject("AbortIncompleteMultipartUpload").put("DaysAfterInitiation", 1);
    bucket.set("Tags", Cfn.tags(cluster, "etcd-snapshots"));

    ObjectNode policy = Cfn.resource(resources, LOGICAL_ID + "Policy", "AWS::S3::BucketPolicy");
    policy.set("Bucket", Cfn.ref(LOGICAL_ID));
    ObjectNode document = policy.putObject("PolicyDocument");
    document.put("Version", "2012-10-17");
    ObjectNode tlsOnly = document.putArray("Statement").addObject();
    tlsOnly.put("Sid", "TlsOnly");
    tlsOnly.put("Effect", "Deny");
    tlsOnly.put("Principal", "*");
    tlsOnly.put("Action", "s3:*");
    ArrayNode targets = tlsOnly.putArray("Resource");
    targets.add(Cfn.getAtt(LOGICAL_ID, "Arn"));
    ObjectNode objects = Json.object();
    objects.putArray("Fn::Join").add("").addArray().add(Cfn.getAtt(LOGICAL_ID, "Arn")).add("/*");
    targets.add(objects);
    tlsOnly.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
  }

  /**
   * The MAIN role's only permission on the bucket: PutObject under the cluster's prefix (no read,
   * no delete).
   */
  static void uploadPolicy(ClusterModel model, ObjectNode statement) {
    statement.putArray("Action").add("s3:PutObject");
    statement.set("Resource", Cfn.sub("${" + LOGICAL_ID + ".Arn}/" + prefix(model) + "*"));
  }
}
