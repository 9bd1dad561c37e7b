package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Problems;
import dev.cluster.processor.validate.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deploy starts a used service before its users and stops it after them: services that use each other
 * in a circle have no such order. Each cycle is reported once, with the whole cycle in the message, on
 * the {@code uses} entry of the service it is first found from, in name order.
 */
public final class UsesCycleRule implements Rule {
  @Override
  public String tag() {
    return "uses-cycle";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    Set<String> reported = new HashSet<>();
    for (ServiceSpec start : model.services()) {
      List<ServiceSpec> cycle = shortestCycleThrough(model, start);
      if (cycle.isEmpty()) {
        continue;
      }
      String key = cycle.stream().map(ServiceSpec::id).sorted().collect(Collectors.joining(","));
      if (!reported.add(key)) {
        continue;
      }
      ServiceSpec next = cycle.size() > 1 ? cycle.get(1) : start;
      int index = start.uses().indexOf(next.id());
      String path = cycle.stream().map(ServiceSpec::name).collect(Collectors.joining(" -> "))
          + " -> " + start.name();
      problems.error(start.origin(), "uses[" + index + "]", "uses[" + index + "] = "
          + References.classLiteral(next.id()) + " closes the cycle " + path + "; deploy starts a used"
          + " service before its users, which a cycle makes impossible: remove one of these uses");
    }
  }

  /** The services of the shortest path from {@code start} back to itself, {@code start} first; or empty. */
  private static List<ServiceSpec> shortestCycleThrough(ClusterModel model, ServiceSpec start) {
    List<List<ServiceSpec>> frontier = new ArrayList<>();
    frontier.add(List.of(start));
    Set<String> visited = new HashSet<>();
    while (!frontier.isEmpty()) {
      List<List<ServiceSpec>> next = new ArrayList<>();
      for (List<ServiceSpec> path : frontier) {
        ServiceSpec last = path.get(path.size() - 1);
        for (ServiceSpec used : model.used(last)) {
          if (used.id().equals(start.id())) {
            return path;
          }
          if (visited.add(used.id())) {
            List<ServiceSpec> longer = new ArrayList<>(path);
            longer.add(used);
            next.add(longer);
          }
        }
      }
      frontier = next;
    }
    return List.of();
  }
}
