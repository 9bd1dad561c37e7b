package dev.cluster.processor.model;

import java.util.List;

/** The {@code @Cluster} declaration. {@code id} is the declaring class's qualified name. */
public record ClusterSpec(
    String id,
    String packageName,
    String name,
    String domain,
    String region,
    List<String> zones,
    String vpcCidr,
    int securityGroupRuleQuota,
    Origin origin) {
  /** AWS's default of the quota "Inbound or outbound rules per security group". */
  public static final int DEFAULT_SECURITY_GROUP_RULE_QUOTA = 60;

  public ClusterSpec {
    zones = List.copyOf(zones);
  }

  /** A cluster in an account with AWS's default quotas. */
  public ClusterSpec(
      String id,
      String packageName,
      String name,
      String domain,
      String region,
      List<String> zones,
      String vpcCidr,
      Origin origin) {
    this(
        id,
        packageName,
        name,
        domain,
        region,
        zones,
        vpcCidr,
        DEFAULT_SECURITY_GROUP_RULE_QUOTA,
        origin);
  }
}
