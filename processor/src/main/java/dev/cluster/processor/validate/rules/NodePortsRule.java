package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Map;

/**
 * A service's port is published on the machine, where the machine's own daemons listen already (see
 * {@link NodePorts}): such a service would never start. SSH exposed to the world is [public-ssh]'s.
 */
public final class NodePortsRule implements Rule {
  @Override
  public String tag() {
    return "node-ports";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      Map<String, String> reserved = NodePorts.reservedOn(model, group);
      for (ServiceSpec service : model.servicesOn(group)) {
        if (DataFeaturesRule.isDerivedOnData(service, group)) {
          continue;
        }
        List<PortSpec> ports = service.ports();
        for (int i = 0; i < ports.size(); i++) {
          PortSpec port = ports.get(i);
          String owner = reserved.get(Ports.key(port));
          if (owner != null && !PublicSshRule.exposesSsh(service, port)) {
            problems.error(
                service.origin(),
                "ports[" + i + "].value",
                "port "
                    + Ports.key(port)
                    + " of service "
                    + service.name()
                    + " is taken by "
                    + owner
                    + " on every machine of node group "
                    + group.name()
                    + "; choose another port");
          }
        }
      }
    }
  }
}
