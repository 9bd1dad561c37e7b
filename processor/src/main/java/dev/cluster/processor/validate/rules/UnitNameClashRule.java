package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.PodPlan;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fleet service's units are named after it: its app {@code web@.service}, and {@code web-pod@},
 * {@code web-net@}, {@code web-presence@}, one per ambassador and per synced volume. A service
 * named like one of them ({@code web-pod} beside {@code web}) gets a unit of the same name, and
 * fleet keeps one of the two. The names are the generator's own ({@link PodPlan}), so a new kind of
 * unit is checked too. Each pair of services is one {@link Problems#clash}; two services of one
 * name are {@code unique-names}'.
 */
public final class UnitNameClashRule implements Rule {
  private record Owner(ServiceSpec service, String role) {}

  @Override
  public String tag() {
    return "unit-name-clash";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    Map<String, Owner> owners = new HashMap<>();
    Set<List<String>> reported = new HashSet<>();
    for (ServiceSpec service : model.services()) {
      if (!model.runsOnFleet(service)) {
        continue;
      }
      for (PodPlan.Unit unit : PodPlan.of(model, service)) {
        Owner owner = new Owner(service, unit.role());
        Owner earlier = owners.putIfAbsent(unit.name(), owner);
        if (earlier == null
            || earlier.service().name().equals(service.name())
            || !reported.add(List.of(earlier.service().id(), service.id()))) {
          continue;
        }
        problems.clash(
            service.origin(),
            "name",
            clash(unit.name(), owner, earlier),
            earlier.service().origin(),
            "name",
            clash(unit.name(), earlier, owner));
      }
    }
  }

  private static String clash(String unit, Owner owner, Owner other) {
    return "the fleet unit "
        + unit
        + " is the "
        + owner.role()
        + " of service \""
        + owner.service().name()
        + "\" ("
        + References.declaredIn(owner.service().id())
        + ") and the "
        + other.role()
        + " of service \""
        + other.service().name()
        + "\" ("
        + References.declaredIn(other.service().id())
        + "): fleet would keep one of"
        + " the two; rename one service so that neither name is the other's plus a unit suffix";
  }
}
