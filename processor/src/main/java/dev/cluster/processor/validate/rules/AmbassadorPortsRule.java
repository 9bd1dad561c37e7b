package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ambassadors listen on their machine's own ports, which the model assigns from 15000 up, unique
 * within a node group ({@link ClusterModel#ambassadorsOf}). Any two services of a group can share a
 * machine, so no service of the group may listen on one of those ports itself.
 */
public final class AmbassadorPortsRule implements Rule {
  @Override
  public String tag() {
    return "ambassador-ports";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      List<ServiceSpec> services = model.servicesOn(group);
      if (!services.stream().allMatch(s -> UsesServiceRule.allResolve(model, s))) {
        continue;
      }
      Map<Integer, AmbassadorSpec> taken = new LinkedHashMap<>();
      for (ServiceSpec service : services) {
        for (AmbassadorSpec ambassador : model.ambassadorsOf(service)) {
          ambassador.listeners().forEach(l -> taken.put(l.localPort(), ambassador));
        }
      }
      for (ServiceSpec service : services) {
        List<PortSpec> ports = service.ports();
        for (int i = 0; i < ports.size(); i++) {
          AmbassadorSpec ambassador = taken.get(ports.get(i).number());
          if (ambassador != null) {
            problems.error(
                service.origin(),
                "ports[" + i + "].value",
                "port "
                    + ports.get(i).number()
                    + " of service "
                    + service.name()
                    + " is the local port of the ambassador from "
                    + ambassador.user().name()
                    + " to "
                    + ambassador.used().name()
                    + " on node group "
                    + group.name()
                    + " (ambassadors take "
                    + model.firstAmbassadorPort()
                    + " and up, one per used port); choose a port outside "
                    + model.firstAmbassadorPort()
                    + " to "
                    + (model.firstAmbassadorPort() + taken.size() - 1));
          }
        }
      }
    }
  }
}
