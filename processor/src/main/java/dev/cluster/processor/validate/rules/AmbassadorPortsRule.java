package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.AmbassadorPorts;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Problems;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Map;

/**
 * A service's ambassadors listen in its pod on the local ports {@link AmbassadorPorts} assigns (15000
 * for the first used service, 15001 for the next, databases last), in the network namespace the app
 * shares: the app cannot listen on one of them too.
 */
public final class AmbassadorPortsRule implements Rule {
  @Override
  public String tag() {
    return "ambassador-ports";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (!UsesServiceRule.allResolve(model, service)) {
        continue;
      }
      Map<String, Integer> ambassadors = AmbassadorPorts.of(model, service);
      List<PortSpec> ports = service.ports();
      for (int i = 0; i < ports.size(); i++) {
        int number = ports.get(i).number();
        for (Map.Entry<String, Integer> ambassador : ambassadors.entrySet()) {
          if (ambassador.getValue() == number) {
            String used = model.service(ambassador.getKey()).orElseThrow().name();
            problems.error(service.origin(), "ports[" + i + "].value", "port " + number + " of service "
                + service.name() + " is the local port of its ambassador to " + used + " (ambassadors take "
                + AmbassadorPorts.FIRST + " and up, one per used service); choose a port outside "
                + AmbassadorPorts.FIRST + " to " + (AmbassadorPorts.FIRST + ambassadors.size() - 1));
          }
        }
      }
    }
  }
}
