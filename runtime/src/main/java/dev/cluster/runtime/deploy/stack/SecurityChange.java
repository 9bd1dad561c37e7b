package dev.cluster.runtime.deploy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;

/**
 * A change that widens or narrows who may reach or do what: a security group rule opened or closed,
 * an IAM resource or access policy added, changed or removed. Derived from a change set's
 * Before/AfterContext, so each rule is as CloudFormation resolved it (parameter values in, not
 * {@code Ref}s).
 *
 * @param resource the logical id of the rule, group or policy
 * @param change {@code opens}, {@code closes}, {@code adds}, {@code changes} or {@code removes}
 * @param what e.g. {@code ingress tcp 22 from 0.0.0.0/0 (THE WHOLE INTERNET)} or {@code IAM role
 *     (Policies)}
 */
public record SecurityChange(String resource, String change, String what) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}";
  private static final Set<String> WHOLE_INTERNET = Set.of("0.0.0.0/0", "::/0");

  static List<SecurityChange> of(List<Change> changes) {
    List<SecurityChange> found = new ArrayList<>();
    for (Change change : changes) {
      ResourceChange resource = change.resourceChange();
      String type = resource.resourceType();
      switch (type) {
        case "AWS::EC2::SecurityGroupIngress" ->
            rules(resource, found, "ingress", properties -> List.of(properties));
        case "AWS::EC2::SecurityGroupEgress" ->
            rules(resource, found, "egress", properties -> List.of(properties));
        case "AWS::EC2::SecurityGroup" -> {
          rules(
              resource,
              found,
              "ingress",
              properties -> list(properties.path("SecurityGroupIngress")));
          rules(
              resource,
              found,
              "egress",
              properties -> list(properties.path("SecurityGroupEgress")));
        }
        default -> {
          if (type.startsWith("AWS::IAM::") || type.endsWith("Policy")) {
            found.add(access(resource));
          }
        }
      }
    }
    return List.copyOf(found);
  }

  private interface RulesOf {
    List<JsonNode> rules(JsonNode properties);
  }

  /**
   * The rules only after the change are opened, those only before it closed; a changed rule is
   * both.
   */
  private static void rules(
      ResourceChange resource, List<SecurityChange> found, String direction, RulesOf rulesOf) {
    String action = resource.actionAsString();
    JsonNode before = context(resource.beforeContext());
    JsonNode after = context(resource.afterContext());
    boolean valuesMissing =
        !action.equals("Add") && before == null || !action.equals("Remove") && after == null;
    if (valuesMissing) {
      if (!resource.resourceType().equals("AWS::EC2::SecurityGroup")) {
        found.add(
            new SecurityChange(
                resource.logicalResourceId(),
                action.equals("Add") ? "opens" : action.equals("Remove") ? "closes" : "changes",
                direction + " rule (CloudFormation gave no property values)"));
      }
      return;
    }
    Set<String> was = before == null ? Set.of() : describe(rulesOf.rules(before), direction);
    Set<String> now = after == null ? Set.of() : describe(rulesOf.rules(after), direction);
    was.stream()
        .filter(rule -> !now.contains(rule))
        .forEach(
            rule -> found.add(new SecurityChange(resource.logicalResourceId(), "closes", rule)));
    now.stream()
        .filter(rule -> !was.contains(rule))
        .forEach(
            rule -> found.add(new SecurityChange(resource.logicalResourceId(), "opens", rule)));
  }

  private static Set<String> describe(List<JsonNode> rules, String direction) {
    return rules.stream()
        .map(rule -> rule(rule, direction))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /**
   * {@code ingress tcp 22 from 203.0.113.7/32}, {@code egress all traffic to 0.0.0.0/0 (THE WHOLE
   * INTERNET)}.
   */
  static String rule(JsonNode rule, String direction) {
    String protocol = rule.path("IpProtocol").asText("");
    String from = rule.path("FromPort").asText("");
    String to = rule.path("ToPort").asText(from);
    String ports;
    if (protocol.equals("-1") || protocol.equals("all")) {
      ports = "all traffic";
    } else if (from.isEmpty() || from.equals("-1")) {
      ports = protocol + " all ports";
    } else {
      ports = protocol + " " + (from.equals(to) ? from : from + "-" + to);
    }
    boolean ingress = direction.equals("ingress");
    String peer =
        ingress
            ? peer(rule, "CidrIp", "CidrIpv6", "SourceSecurityGroupId", "SourcePrefixListId")
            : peer(
                rule,
                "CidrIp",
                "CidrIpv6",
                "DestinationSecurityGroupId",
                "DestinationPrefixListId");
    return direction + " " + ports + (ingress ? " from " : " to ") + peer;
  }

  private static String peer(
      JsonNode rule, String cidr, String cidrV6, String group, String prefixList) {
    for (String field : List.of(cidr, cidrV6)) {
      if (rule.hasNonNull(field)) {
        String range = value(rule.get(field));
        return WHOLE_INTERNET.contains(range) ? range + " (THE WHOLE INTERNET)" : range;
      }
    }
    if (rule.hasNonNull(group)) {
      return "security group " + value(rule.get(group));
    }
    if (rule.hasNonNull(prefixList)) {
      return "prefix list " + value(rule.get(prefixList));
    }
    return "(no source given)";
  }

  private static String value(JsonNode value) {
    String text = value.isValueNode() ? value.asText() : value.toString();
    return text.equals(KNOWN_AFTER_APPLY) ? "(known once deployed)" : text;
  }

  /**
   * An IAM resource or access policy: what happens to it, and for a modification which properties
   * change.
   */
  private static SecurityChange access(ResourceChange resource) {
    String kind =
        resource.resourceType().startsWith("AWS::IAM::")
            ? "IAM " + resource.resourceType().substring("AWS::IAM::".length())
            : resource.resourceType();
    return switch (resource.actionAsString()) {
      case "Add" -> new SecurityChange(resource.logicalResourceId(), "adds", kind);
      case "Remove" -> new SecurityChange(resource.logicalResourceId(), "removes", kind);
      default -> {
        String properties =
            resource.details().stream()
                .filter(detail -> detail.target() != null && detail.target().name() != null)
                .map(ResourceChangeDetail::target)
                .map(t -> t.name())
                .distinct()
                .collect(Collectors.joining(", "));
        yield new SecurityChange(
            resource.logicalResourceId(),
            "changes",
            kind + (properties.isEmpty() ? "" : " (" + properties + ")"));
      }
    };
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  /** The Properties of a Before/AfterContext; null when CloudFormation gave none. */
  private static JsonNode context(String context) {
    if (context == null || context.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(context).path("Properties");
    } catch (IOException e) {
      return null;
    }
  }
}
