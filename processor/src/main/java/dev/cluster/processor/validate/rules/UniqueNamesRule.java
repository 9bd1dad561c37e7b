package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Names become unit names, DNS labels, CloudFormation logical ids and secret ids: two services, two
 * node groups, two secrets or two groups of one name would overwrite each other's outputs. Each
 * clash is a {@link Problems#clash}: reported on both, or on the one just edited when javac lets
 * that be known.
 */
public final class UniqueNamesRule implements Rule {
  @Override
  public String tag() {
    return "unique-names";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    checkKind("service", model.services(), s -> s.name(), s -> s.origin(), s -> s.id(), problems);
    checkKind(
        "node group", model.nodeGroups(), g -> g.name(), g -> g.origin(), g -> g.id(), problems);
    checkKind("secret", model.secrets(), s -> s.name(), s -> s.origin(), s -> s.id(), problems);
    checkKind("group", model.groups(), g -> g.name(), g -> g.origin(), g -> g.id(), problems);
  }

  private static <T> void checkKind(
      String kind,
      List<T> items,
      Function<T, String> name,
      Function<T, Origin> origin,
      Function<T, String> id,
      Problems problems) {
    Map<String, T> first = new HashMap<>();
    for (T item : items) {
      T earlier = first.putIfAbsent(name.apply(item), item);
      if (earlier != null) {
        problems.clash(
            origin.apply(item),
            "name",
            taken(kind, name.apply(item), id.apply(item), id.apply(earlier)),
            origin.apply(earlier),
            "name",
            taken(kind, name.apply(item), id.apply(earlier), id.apply(item)));
      }
    }
  }

  private static String taken(String kind, String name, String id, String otherId) {
    return "the "
        + kind
        + " name \""
        + name
        + "\" of "
        + References.declaredIn(id)
        + " is taken by "
        + References.declaredIn(otherId)
        + " too; "
        + kind
        + " names must be unique";
  }
}
