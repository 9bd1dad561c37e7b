package dev.cluster.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Assigns every ambassador its local ports. Ambassadors listen on the machine itself, and any two pods of
 * one node group can share a machine, so a local port is unique within the node group: counting up from
 * {@link #FIRST_PORT}, one per forwarded port, over the group's services in name order and each one's used
 * services in the order it lists them. Two used databases therefore never fight for one port, and the
 * same model always gives the same ports. A service on a DATA group is reached like any other: its
 * machines announce it in etcd (see NodeBootstrap), and its users' ambassadors follow every instance.
 */
final class Ambassadors {
  static final int FIRST_PORT = 15000;

  private Ambassadors() {}

  static List<AmbassadorSpec> of(ClusterModel model, ServiceSpec user) {
    int next = FIRST_PORT;
    List<ServiceSpec> neighbours = model.nodeGroup(user.runsOn()).map(model::servicesOn).orElse(List.of(user));
    for (ServiceSpec service : neighbours) {
      List<AmbassadorSpec> ambassadors = new ArrayList<>();
      for (ServiceSpec used : model.used(service)) {
        List<AmbassadorSpec.Listener> listeners = new ArrayList<>();
        for (PortSpec target : used.clientPorts()) {
          listeners.add(new AmbassadorSpec.Listener(target, next++));
        }
        if (!listeners.isEmpty()) {
          ambassadors.add(new AmbassadorSpec(service, used, used.clientEnvPrefix(), listeners));
        }
      }
      if (service.id().equals(user.id())) {
        return List.copyOf(ambassadors);
      }
    }
    return List.of();
  }
}
