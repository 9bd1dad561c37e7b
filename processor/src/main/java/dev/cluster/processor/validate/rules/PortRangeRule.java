package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;

/** TCP and UDP ports are 1 to 65535; the later port rules pass over a port outside that range. */
public final class PortRangeRule implements Rule {
  @Override
  public String tag() {
    return "port-range";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      List<PortSpec> ports = service.ports();
      for (int i = 0; i < ports.size(); i++) {
        if (!Ports.inRange(ports.get(i).number())) {
          problems.error(
              service.origin(),
              "ports[" + i + "].value",
              "port "
                  + ports.get(i).number()
                  + " of service "
                  + service.name()
                  + " is outside "
                  + Ports.MIN
                  + " to "
                  + Ports.MAX);
        }
      }
    }
  }
}
