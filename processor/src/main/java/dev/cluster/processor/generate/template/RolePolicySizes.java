package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Severity;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * IAM's limit on a role's inline policies: 10,240 characters for all of them together, white space
 * not counted, checked on each node group's role with every reference at its longest deploy-time
 * value ({@link LongestValues}). The policy names are counted too, which IAM may or may not do: the
 * check errs on the side of a role IAM takes.
 */
public final class RolePolicySizes {
  static final int MAX_ROLE_POLICY_CHARACTERS = 10_240;
  private static final String TAG = "[role-policy-size] ";

  private RolePolicySizes() {}

  static List<Problem> problems(ClusterModel model, ObjectNode template) {
    List<Problem> problems = new ArrayList<>();
    for (NodeGroupSpec group : model.nodeGroups()) {
      Map<String, Integer> sizes =
          sizes(model.cluster().region(), template, Names.pascal(group.name()) + "Role");
      int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
      if (total > MAX_ROLE_POLICY_CHARACTERS) {
        problems.add(
            new Problem(
                Severity.ERROR,
                TAG
                    + "the role of node group "
                    + group.name()
                    + " needs inline policies of "
                    + total
                    + " characters ("
                    + sizes.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))
                    + ") but IAM takes at most "
                    + MAX_ROLE_POLICY_CHARACTERS
                    + " per role (white space excluded):"
                    + " each secret a service on the group reads adds its ARN, so spread the services that read the most"
                    + " secrets over more node groups, or let services share secrets",
                group.origin(),
                ""));
      }
    }
    return problems;
  }

  /**
   * Each inline policy of the role, by name: its name and its document, without white space, at
   * their longest.
   */
  static Map<String, Integer> sizes(String region, ObjectNode template, String role) {
    LongestValues longest = new LongestValues(region, template);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    for (JsonNode policy :
        template.path("Resources").path(role).path("Properties").path("Policies")) {
      String name = policy.path("PolicyName").asText();
      String document = Json.compact(longest.of(policy.path("PolicyDocument")));
      sizes.put(
          name,
          name.length() + (int) document.chars().filter(c -> !Character.isWhitespace(c)).count());
    }
    return sizes;
  }
}
