package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.validate.Rule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An EC2 instance type is {@code family.size}, the family holding its generation digit ({@code
 * m6i.large}, {@code m7i-flex.xlarge}, {@code u-6tb1.metal}); a malformed one fails the stack at
 * launch, a repeated one is a typo for a different one.
 */
public final class InstanceTypesRule implements Rule {
  private static final Pattern INSTANCE_TYPE =
      Pattern.compile("[a-z][a-z0-9-]*[0-9][a-z0-9-]*\\.[a-z0-9]+");

  @Override
  public String tag() {
    return "instance-types";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      List<String> types = group.instanceTypes();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < types.size(); i++) {
        String type = types.get(i);
        String attribute = "instanceTypes[" + i + "]";
        if (!isWellFormed(type)) {
          problems.error(
              group.origin(),
              attribute,
              attribute
                  + " = \""
                  + type
                  + "\" is not an EC2 instance"
                  + " type: write family.size in lower case, e.g. \"m6i.large\"");
        } else if (!seen.add(type)) {
          problems.error(
              group.origin(),
              attribute,
              attribute
                  + " = \""
                  + type
                  + "\" is listed twice in node"
                  + " group "
                  + group.name()
                  + "; list each instance type once");
        }
      }
    }
  }

  static boolean isWellFormed(String type) {
    return INSTANCE_TYPE.matcher(type).matches();
  }

  /** {@code m6i.large -> m6i}. */
  static String family(String type) {
    return type.substring(0, type.indexOf('.'));
  }
}
