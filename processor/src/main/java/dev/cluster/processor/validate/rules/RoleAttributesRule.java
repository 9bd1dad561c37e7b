package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.validate.Rule;

/**
 * A sizing attribute the role ignores would silently not do what it says: {@code min}/{@code max}
 * on a fixed-size MAIN or DATA group, {@code size} on an autoscaling WORKER group.
 */
public final class RoleAttributesRule implements Rule {
  @Override
  public String tag() {
    return "role-attributes";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      for (String attribute : Sizing.misplacedAttributes(group)) {
        int value =
            switch (attribute) {
              case "size" -> group.size();
              case "min" -> group.min();
              default -> group.max();
            };
        String why =
            group.role() == Role.WORKER
                ? "a WORKER group scales between min and max: remove size and set min and max"
                : "a "
                    + group.role()
                    + " group has a fixed number of machines: remove "
                    + attribute
                    + " and set size";
        problems.error(
            group.origin(),
            attribute,
            attribute
                + " = "
                + value
                + " but node group "
                + group.name()
                + " has role "
                + group.role()
                + ", which does not read "
                + attribute
                + "; "
                + why);
      }
    }
  }
}
