package dev.cluster.runtime.local;

import dev.cluster.contract.descriptor.ServiceInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which of the services {@code local up} was asked for run here, and why each other one does not
 * (its node group has no local machine, or its image cannot be built here): {@code local up} starts
 * the runnable ones and lists the others instead of failing.
 *
 * @param notRunnable each service left out, with the reason {@code local up} prints
 */
record RunnableServices(List<String> runnable, Map<String, String> notRunnable) {
  static final String IMAGE_NOT_BUILT = "not runnable here: image not built";
  static final String NO_MACHINE = "not runnable here: no machine of node group ";

  RunnableServices {
    runnable = List.copyOf(runnable);
    notRunnable = Collections.unmodifiableMap(new LinkedHashMap<>(notRunnable));
  }

  /**
   * The services fleet can place on the machines of {@code shape}; the others left out: a service
   * whose node group has no machine here, or fewer machines than the service has replicas (each
   * replica's pod unit conflicts with the others', so they run on distinct machines). A service
   * without a declared group (units only) is kept.
   */
  static RunnableServices placeable(
      List<ServiceInfo> declared, List<String> services, LocalShape shape) {
    Map<String, ServiceInfo> byName =
        declared.stream().collect(Collectors.toMap(ServiceInfo::name, service -> service));
    RunnableServices here = new RunnableServices(services, Map.of());
    for (String service : services) {
      ServiceInfo info = byName.get(service);
      if (info == null) {
        continue;
      }
      String group = info.nodeGroup();
      int machines = shape.machines().getOrDefault(group, 0);
      if (machines == 0) {
        here = here.without(service, NO_MACHINE + group + " (--machines " + group + "=N)");
      } else if (machines < info.replicas()) {
        here =
            here.without(
                service,
                "not runnable here: its "
                    + info.replicas()
                    + " replicas run on distinct machines of node group "
                    + group
                    + ", which has "
                    + machines
                    + " here (--machines "
                    + group
                    + "="
                    + info.replicas()
                    + ")");
      }
    }
    return here;
  }

  /** These services but {@code service}, left out for {@code reason}. */
  RunnableServices without(String service, String reason) {
    List<String> left = new ArrayList<>(runnable);
    left.remove(service);
    Map<String, String> more = new LinkedHashMap<>(notRunnable);
    more.put(service, reason);
    return new RunnableServices(left, more);
  }

  /** The report's lines for the services left out, one each. */
  String notRunnableLines() {
    StringBuilder lines = new StringBuilder();
    notRunnable.forEach(
        (service, reason) ->
            lines.append("  ").append(service).append(": ").append(reason).append('\n'));
    return lines.toString();
  }
}
