package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.validate.Rule;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code @Group} that no {@code @Route(allow)} names and that does not log into the machines
 * opens nothing: its members get an account group in the realm that grants them no service, which
 * usually means a route forgot it or the group is left over.
 */
public final class GroupUnusedRule implements Rule {
  @Override
  public String tag() {
    return "group-unused";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    Set<String> allowed =
        model.services().stream()
            .flatMap(s -> s.route().stream())
            .flatMap(r -> r.allow().stream())
            .collect(Collectors.toSet());
    for (GroupSpec group : model.groups()) {
      if (!allowed.contains(group.id()) && !group.machineLogin()) {
        problems.warning(
            group.origin(),
            "",
            "@Group "
                + group.name()
                + " is allowed on no @Route: its members"
                + " gain no service; name "
                + References.classLiteral(group.id())
                + " in a @Route(allow), or"
                + " delete the group");
      }
    }
  }
}
