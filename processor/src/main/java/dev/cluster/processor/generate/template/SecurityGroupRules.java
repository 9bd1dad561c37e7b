package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Severity;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * EC2's quota "Inbound or outbound rules per security group" (60 by default, adjustable; the
 * cluster declares a raised one with {@code @Cluster(securityGroupRuleQuota)}), checked on each
 * node group's security group in the template: a stack whose ingress rules exceed it fails with
 * {@code RulesPerSecurityGroupLimitExceeded} halfway through creating them.
 */
public final class SecurityGroupRules {
  private static final String TAG = "[security-group-rules] ";

  private SecurityGroupRules() {}

  static List<Problem> problems(ClusterModel model, ObjectNode template) {
    int quota = model.cluster().securityGroupRuleQuota();
    List<Problem> problems = new ArrayList<>();
    for (NodeGroupSpec group : model.nodeGroups()) {
      Map<String, Integer> bySource =
          inboundBySource(template, Names.pascal(group.name()) + "SecurityGroup");
      int rules = bySource.values().stream().mapToInt(Integer::intValue).sum();
      if (rules > quota) {
        problems.add(
            new Problem(
                Severity.ERROR,
                TAG
                    + "the security group of node group "
                    + group.name()
                    + " needs "
                    + rules
                    + " inbound rules ("
                    + bySource.entrySet().stream()
                        .map(e -> e.getValue() + " from " + e.getKey())
                        .collect(Collectors.joining(", "))
                    + ") but the quota \"Inbound or outbound rules per security group\" is "
                    + quota
                    + ": give the ports this group opens to one source consecutive numbers (each run is one rule), put"
                    + " services that use each other on fewer node groups, or raise the quota (Service Quotas, Amazon VPC,"
                    + " in region "
                    + model.cluster().region()
                    + ") and declare it with @Cluster(securityGroupRuleQuota = "
                    + Math.min(((rules + 9) / 10) * 10, 1000)
                    + ")",
                group.origin(),
                ""));
      }
    }
    return problems;
  }

  /**
   * The inbound rules of one security group of the template, counted by source (a group, parameter
   * or CIDR).
   */
  static Map<String, Integer> inboundBySource(ObjectNode template, String securityGroup) {
    Map<String, Integer> bySource = new TreeMap<>();
    for (JsonNode resource : template.path("Resources")) {
      JsonNode properties = resource.path("Properties");
      if (resource.path("Type").asText().equals("AWS::EC2::SecurityGroupIngress")
          && properties.at("/GroupId/Fn::GetAtt/0").asText().equals(securityGroup)) {
        bySource.merge(source(properties), 1, Integer::sum);
      }
    }
    // Rules written inside the group itself count as much, should a generator ever write them
    // there.
    template
        .path("Resources")
        .path(securityGroup)
        .path("Properties")
        .path("SecurityGroupIngress")
        .forEach(rule -> bySource.merge(source(rule), 1, Integer::sum));
    return bySource;
  }

  private static String source(JsonNode rule) {
    if (rule.has("SourceSecurityGroupId")) {
      return rule.at("/SourceSecurityGroupId/Fn::GetAtt/0")
          .asText()
          .replaceFirst("SecurityGroup$", "");
    }
    JsonNode cidr = rule.path("CidrIp");
    return cidr.has("Ref") ? cidr.get("Ref").asText() : cidr.asText();
  }
}
