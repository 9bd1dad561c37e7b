package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploy starts a used service before its users and stops it after them: services that use each
 * other in a circle have no such order. One depth-first walk over {@code uses} (in name order, so
 * the result does not depend on javac's order) finds each cycle once; the message shows the whole
 * cycle from its first service by name, and points at that service's {@code uses} entry that leads
 * on. Unresolved uses are [uses]' and are not followed.
 */
public final class UsesCycleRule implements Rule {
  @Override
  public String tag() {
    return "uses-cycle";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    Map<String, ServiceSpec> byId = new HashMap<>();
    model.services().forEach(s -> byId.put(s.id(), s));
    Walk walk = new Walk(byId, problems);
    for (ServiceSpec service : model.services()) {
      walk.visit(service);
    }
  }

  private static final class Walk {
    private final Map<String, ServiceSpec> byId;
    private final Problems problems;
    private final List<ServiceSpec> path = new ArrayList<>();
    private final Set<String> onPath = new HashSet<>();
    private final Set<String> done = new HashSet<>();
    private final Set<Set<String>> reported = new HashSet<>();

    Walk(Map<String, ServiceSpec> byId, Problems problems) {
      this.byId = byId;
      this.problems = problems;
    }

    void visit(ServiceSpec service) {
      if (done.contains(service.id())) {
        return;
      }
      path.add(service);
      onPath.add(service.id());
      for (String usedId : service.uses()) {
        ServiceSpec used = byId.get(usedId);
        if (used == null) {
          continue;
        }
        if (onPath.contains(usedId)) {
          report(path.subList(indexOnPath(usedId), path.size()));
        } else {
          visit(used);
        }
      }
      onPath.remove(service.id());
      path.remove(path.size() - 1);
      done.add(service.id());
    }

    private int indexOnPath(String id) {
      for (int i = 0; i < path.size(); i++) {
        if (path.get(i).id().equals(id)) {
          return i;
        }
      }
      throw new IllegalStateException(id + " is not on the path");
    }

    private void report(List<ServiceSpec> cycle) {
      if (!reported.add(cycle.stream().map(ServiceSpec::id).collect(Collectors.toSet()))) {
        return;
      }
      ServiceSpec first = cycle.stream().min(Comparator.comparing(ServiceSpec::name)).orElseThrow();
      int at = cycle.indexOf(first);
      List<ServiceSpec> fromFirst = new ArrayList<>(cycle.subList(at, cycle.size()));
      fromFirst.addAll(cycle.subList(0, at));
      ServiceSpec next = fromFirst.size() > 1 ? fromFirst.get(1) : first;
      int index = first.uses().indexOf(next.id());
      String shown =
          fromFirst.stream().map(ServiceSpec::name).collect(Collectors.joining(" -> "))
              + " -> "
              + first.name();
      problems.error(
          first.origin(),
          "uses[" + index + "]",
          "uses["
              + index
              + "] = "
              + References.classLiteral(next.id())
              + " closes the cycle "
              + shown
              + "; deploy starts a used"
              + " service before its users, which a cycle makes impossible: remove one of these uses");
    }
  }
}
