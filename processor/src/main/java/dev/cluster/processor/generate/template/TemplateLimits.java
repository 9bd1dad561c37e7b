package dev.cluster.processor.generate.template;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.validate.Problem;
import dev.cluster.processor.validate.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudFormation's limits on one stack, checked on the template a valid model generates: a template
 * CloudFormation would refuse is a compile error, not a failed deploy.
 */
public final class TemplateLimits {
  static final int MAX_RESOURCES = 500;
  static final int MAX_TEMPLATE_BYTES = 1_000_000;
  private static final String TAG = "[template-limits] ";

  private TemplateLimits() {}

  public static List<Problem> problems(ClusterModel model) {
    ObjectNode template = new TemplateGenerator().template(model);
    List<Problem> problems = new ArrayList<>();
    int resources = template.get("Resources").size();
    if (resources > MAX_RESOURCES) {
      problems.add(new Problem(Severity.ERROR, TAG + "cluster " + model.cluster().name() + " needs " + resources
          + " CloudFormation resources but a stack holds at most " + MAX_RESOURCES
          + "; most come from security-group openings between node groups: put services that use each other on fewer node groups",
          model.cluster().origin(), ""));
    }
    int bytes = Json.pretty(template).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_TEMPLATE_BYTES) {
      problems.add(new Problem(Severity.ERROR, TAG + "the template of cluster " + model.cluster().name() + " is "
          + bytes + " bytes but CloudFormation reads at most " + MAX_TEMPLATE_BYTES + " (through S3)",
          model.cluster().origin(), ""));
    }
    return problems;
  }
}
