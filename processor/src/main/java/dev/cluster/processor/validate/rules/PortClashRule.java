package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Containers publish their ports on the machine's own address, and any two services of a node group
 * can land on one machine: two services claiming one port on a group would fail to start there, and
 * one service listing a port twice cannot publish it twice. A clash between two services is a
 * {@link Problems#clash}: reported on both, or on the one just edited when javac lets that be
 * known. Ports outside 1..65535 are [port-range]'s, the machine's own ports [node-ports]', and the
 * database of an app on a DATA group [data-features]'.
 */
public final class PortClashRule implements Rule {
  @Override
  public String tag() {
    return "port-clash";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (NodeGroupSpec group : model.nodeGroups()) {
      Map<String, String> reserved = NodePorts.reservedOn(model, group);
      Map<String, Claim> claimed = new HashMap<>();
      for (ServiceSpec service : model.servicesOn(group)) {
        if (DataFeaturesRule.isDerivedOnData(service, group)) {
          continue;
        }
        List<PortSpec> ports = service.ports();
        for (int i = 0; i < ports.size(); i++) {
          PortSpec port = ports.get(i);
          if (!Ports.inRange(port.number()) || reserved.containsKey(Ports.key(port))) {
            continue;
          }
          String key = Ports.key(port);
          Claim owner = claimed.putIfAbsent(key, new Claim(service, i));
          if (owner == null) {
            continue;
          }
          if (owner.service() == service) {
            problems.error(
                service.origin(),
                "ports[" + i + "].value",
                "port "
                    + key
                    + " is listed twice by"
                    + " service "
                    + service.name()
                    + "; list each port once");
          } else {
            Claim claim = new Claim(service, i);
            problems.clash(
                claim.origin(),
                claim.attribute(),
                clash(group, key, claim, owner.service()),
                owner.origin(),
                owner.attribute(),
                clash(group, key, owner, service));
          }
        }
      }
    }
  }

  private static String clash(NodeGroupSpec group, String key, Claim at, ServiceSpec other) {
    return "port "
        + key
        + " of service "
        + at.service().name()
        + " ("
        + References.declaredIn(at.service().id())
        + ") is also claimed by service "
        + other.name()
        + " ("
        + References.declaredIn(other.id())
        + ") on node group "
        + group.name()
        + "; services of one node group can share a machine, so their ports must differ";
  }

  private record Claim(ServiceSpec service, int index) {
    Origin origin() {
      return service.origin();
    }

    String attribute() {
      return "ports[" + index + "].value";
    }
  }
}
