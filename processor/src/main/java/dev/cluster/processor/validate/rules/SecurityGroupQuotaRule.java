package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.validate.Rule;

/**
 * The quota of rules per security group a cluster declares is one AWS can grant: never below its
 * default (a lower value would refuse clusters the account takes), and at most 1000, since AWS
 * keeps it times the security groups per network interface at or below 1000.
 */
public final class SecurityGroupQuotaRule implements Rule {
  static final int MAX_QUOTA = 1000;

  @Override
  public String tag() {
    return "security-group-quota";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    ClusterSpec cluster = model.cluster();
    int quota = cluster.securityGroupRuleQuota();
    if (quota < ClusterSpec.DEFAULT_SECURITY_GROUP_RULE_QUOTA || quota > MAX_QUOTA) {
      problems.error(
          cluster.origin(),
          "securityGroupRuleQuota",
          "securityGroupRuleQuota = "
              + quota
              + " is not a value of the AWS quota \"Inbound or outbound rules per security group\": it is "
              + ClusterSpec.DEFAULT_SECURITY_GROUP_RULE_QUOTA
              + " unless raised, and at most "
              + MAX_QUOTA
              + "; declare the value Service Quotas shows for the account and region");
    }
  }
}
