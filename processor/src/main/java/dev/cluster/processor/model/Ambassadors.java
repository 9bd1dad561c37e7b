package dev.cluster.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns every ambassador its local ports. Ambassadors listen on the machine itself, and any two
 * pods of one node group can share a machine, so a local port is unique within the node group:
 * counting up from {@link #FIRST_PORT}, one per forwarded port, over the group's services in name
 * order and each one's used services in the order it lists them. Two used databases therefore never
 * fight for one port, and the same model always gives the same ports. A service on a DATA group is
 * reached like any other: its machines announce it in etcd (see NodeBootstrap), and its users'
 * ambassadors follow every instance.
 */
final class Ambassadors {
  static final int FIRST_PORT = 15000;

  private Ambassadors() {}

  /** The ambassadors of each of a node group's services (in name order), by service id. */
  static Map<String, List<AmbassadorSpec>> onGroup(
      ClusterModel model, List<ServiceSpec> neighbours) {
    Map<String, List<AmbassadorSpec>> byUser = new HashMap<>();
    int next = FIRST_PORT;
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
      byUser.putIfAbsent(service.id(), List.copyOf(ambassadors));
    }
    return byUser;
  }
}
