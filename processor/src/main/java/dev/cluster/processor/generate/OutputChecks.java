package dev.cluster.processor.generate;

import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.generate.template.TemplateLimits;
import dev.cluster.processor.generate.template.UserDataLimit;
import dev.cluster.processor.generate.units.FleetUnitsGenerator;
import dev.cluster.processor.model.ClusterModel;
import java.util.ArrayList;
import java.util.List;

/**
 * What the outputs of a valid model would break in the engines that read them, checked before
 * anything is written: fleet's own rules (no checker reads [X-Fleet]) and CloudFormation's limits
 * on a stack.
 */
public final class OutputChecks {
  private OutputChecks() {}

  public static List<Problem> of(ClusterModel model) {
    List<Problem> problems = new ArrayList<>(FleetUnitsGenerator.problems(model));
    problems.addAll(TemplateLimits.problems(model));
    problems.addAll(UserDataLimit.problems(model));
    return List.copyOf(problems);
  }
}
