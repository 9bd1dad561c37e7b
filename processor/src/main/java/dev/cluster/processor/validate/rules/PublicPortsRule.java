package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Set;

/**
 * {@code @Public} admits 0.0.0.0/0 on every port of the service. Control Tower's SH.EC2.18
 * (Security Hub EC2.18) flags unrestricted ingress on any port but the authorized 80 and 443: the
 * cluster works, but the account reports it. A warning; SSH ports are [public-ssh]'s error.
 */
public final class PublicPortsRule implements Rule {
  static final Set<Integer> AUTHORIZED = Set.of(80, 443);

  @Override
  public String tag() {
    return "public-ports";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (!service.isPublic()) {
        continue;
      }
      List<PortSpec> ports = service.ports();
      for (int i = 0; i < ports.size(); i++) {
        PortSpec port = ports.get(i);
        if (Ports.inRange(port.number())
            && !AUTHORIZED.contains(port.number())
            && !PublicSshRule.exposesSsh(service, port)) {
          problems.warning(
              service.origin(),
              "ports[" + i + "].value",
              "port "
                  + port.number()
                  + " of @Public"
                  + " service "
                  + service.name()
                  + " opens to 0.0.0.0/0, which Control Tower's SH.EC2.18 allows"
                  + " only for ports 80 and 443; route it through the @FrontDoor, or open it to a known range with"
                  + " openToParameter");
        }
      }
    }
  }
}
