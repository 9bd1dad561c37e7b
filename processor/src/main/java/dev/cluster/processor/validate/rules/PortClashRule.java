package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Problems;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Containers publish their ports on the machine's own address, and any two services of a node group can
 * land on one machine: two services claiming one port on a group would fail to start there.
 */
public final class PortClashRule implements Rule {
  @Override
  public String tag() {
    return "port-clash";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      Map<String, ServiceSpec> claimed = new HashMap<>();
      for (ServiceSpec service : model.servicesOn(group)) {
        List<PortSpec> ports = service.ports();
        for (int i = 0; i < ports.size(); i++) {
          PortSpec port = ports.get(i);
          String key = port.number() + "/" + port.protocol();
          ServiceSpec owner = claimed.putIfAbsent(key, service);
          if (owner != null && owner != service) {
            problems.error(
                service.origin(),
                "ports[" + i + "].value",
                "port " + key + " of service " + service.name() + " is already claimed by service "
                    + owner.name() + " on node group " + group.name()
                    + "; services of one node group can share a machine, so their ports must differ");
          }
        }
      }
    }
  }
}
