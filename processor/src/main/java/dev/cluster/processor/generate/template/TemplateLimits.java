package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Severity;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Origin;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The AWS limits the template a valid model generates can reach, checked on that template: one a
 * deploy would hit is a compile error, not a failed stack. CloudFormation's own quotas on one stack
 * are checked here; a security group's rules ({@link SecurityGroupRules}) and a role's inline
 * policies ({@link RolePolicySizes}) in their own classes, on the same template.
 */
public final class TemplateLimits {
  static final int MAX_RESOURCES = 500;
  static final int MAX_TEMPLATE_BYTES = 1_000_000;
  static final int MAX_OUTPUTS = 200;
  static final int MAX_PARAMETERS = 200;
  static final int MAX_MAPPINGS = 200;
  static final int MAX_MAPPING_ATTRIBUTES = 200;
  static final int MAX_NAME_LENGTH = 255;
  static final int MAX_DESCRIPTION_BYTES = 1024;
  private static final String TAG = "[template-limits] ";

  private TemplateLimits() {}

  public static List<Problem> problems(ClusterModel model) {
    TemplateGenerator generator = new TemplateGenerator();
    ObjectNode template = generator.template(model);
    List<Problem> problems = new ArrayList<>();
    StackTemplates stacks = generator.stacks(model);
    Map<String, String> texts = stacks.texts(model);
    stacks
        .all(model)
        .forEach(
            (whose, stack) ->
                problems.addAll(stackProblems(model, stack, texts.get(whose), whose)));
    problems.addAll(SecurityGroupRules.problems(model, template));
    problems.addAll(RolePolicySizes.problems(model, template));
    return List.copyOf(problems);
  }

  /** CloudFormation's quotas on the template of a cluster that one stack holds. */
  static List<Problem> stackProblems(ClusterModel model, ObjectNode template) {
    return stackProblems(
        model,
        template,
        Json.pretty(template),
        "the template of cluster " + model.cluster().name());
  }

  /**
   * CloudFormation's quotas on one stack's template, {@code text} its text as written, {@code
   * whose} saying which in the messages.
   */
  static List<Problem> stackProblems(
      ClusterModel model, ObjectNode template, String text, String whose) {
    Origin origin = model.cluster().origin();
    List<Problem> problems = new ArrayList<>();
    count(
        problems,
        origin,
        template,
        "Resources",
        MAX_RESOURCES,
        "resources",
        whose,
        "above that a node group's security-group openings go to a nested stack of their own, and the rest are six per node"
            + " group: put services that use each other on fewer node groups, give the ports one group opens to another"
            + " consecutive numbers, or declare fewer node groups");
    count(
        problems,
        origin,
        template,
        "Outputs",
        MAX_OUTPUTS,
        "outputs",
        whose,
        "there are two per node group and one per team image: declare fewer node groups or team images");
    count(
        problems,
        origin,
        template,
        "Parameters",
        MAX_PARAMETERS,
        "parameters",
        whose,
        "each distinct openToParameter is one: let ports that open to the same addresses name the same parameter");
    count(
        problems,
        origin,
        template,
        "Mappings",
        MAX_MAPPINGS,
        "mappings",
        whose,
        "generate/template must write fewer");
    for (Map.Entry<String, JsonNode> mapping : fields(template.path("Mappings"))) {
      if (mapping.getValue().size() > MAX_MAPPING_ATTRIBUTES) {
        problems.add(
            error(
                origin,
                "mapping "
                    + mapping.getKey()
                    + " of "
                    + whose
                    + " has "
                    + mapping.getValue().size()
                    + " keys but CloudFormation takes at most "
                    + MAX_MAPPING_ATTRIBUTES
                    + " per mapping; generate/template must split it"));
      }
    }
    for (String section : List.of("Resources", "Outputs", "Parameters", "Mappings")) {
      for (Map.Entry<String, JsonNode> entry : fields(template.path(section))) {
        if (entry.getKey().length() > MAX_NAME_LENGTH) {
          problems.add(
              error(
                  origin,
                  whose
                      + " names one of its "
                      + section.toLowerCase()
                      + " "
                      + entry.getKey().substring(0, 40)
                      + "... ("
                      + entry.getKey().length()
                      + " characters) but CloudFormation"
                      + " takes names of at most "
                      + MAX_NAME_LENGTH
                      + " characters: shorten the node group, service or image name it is made of"));
        }
      }
    }
    int descriptionBytes = utf8(template.path("Description").asText());
    if (descriptionBytes > MAX_DESCRIPTION_BYTES) {
      problems.add(
          error(
              origin,
              "the description of "
                  + whose
                  + " is "
                  + descriptionBytes
                  + " bytes but CloudFormation takes at most "
                  + MAX_DESCRIPTION_BYTES
                  + "; it names the cluster's domain and class: shorten the package name"));
    }
    int bytes = utf8(text);
    if (bytes > MAX_TEMPLATE_BYTES) {
      problems.add(
          error(
              origin,
              whose
                  + " is "
                  + bytes
                  + " bytes but CloudFormation reads at most "
                  + MAX_TEMPLATE_BYTES
                  + " (through S3): declare fewer node groups or services that use each other across node groups"));
    }
    return problems;
  }

  private static void count(
      List<Problem> problems,
      Origin origin,
      ObjectNode template,
      String section,
      int max,
      String what,
      String whose,
      String change) {
    int count = template.path(section).size();
    if (count > max) {
      problems.add(
          error(
              origin,
              whose
                  + " has "
                  + count
                  + " "
                  + what
                  + " but a stack holds at most "
                  + max
                  + "; "
                  + change));
    }
  }

  private static Problem error(Origin origin, String message) {
    return new Problem(Severity.ERROR, TAG + message, origin, "");
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node::fields;
  }
}
