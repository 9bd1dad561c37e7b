package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.List;
import java.util.Locale;

/**
 * {@code @Public} opens every port of a service to 0.0.0.0/0. SSH open to the world is what Control
 * Tower's SH.EC2.13 (Security Hub EC2.13) forbids and what scanners try first: a port 22 or a port
 * named ssh on a public service is an error. Open it to a known range with {@code openToParameter}
 * instead.
 */
public final class PublicSshRule implements Rule {
  @Override
  public String tag() {
    return "public-ssh";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      List<PortSpec> ports = service.ports();
      for (int i = 0; i < ports.size(); i++) {
        if (exposesSsh(service, ports.get(i))) {
          problems.error(
              service.origin(),
              "ports[" + i + "].value",
              "port "
                  + ports.get(i).number()
                  + " is SSH and @Public opens it to 0.0.0.0/0, which Control Tower's SH.EC2.13 forbids: remove"
                  + " @Public from service "
                  + service.name()
                  + ", reach its web ports through the @FrontDoor and"
                  + " open the SSH port to a known range with openToParameter");
        }
      }
    }
  }

  /** Whether the port is SSH (22, or named ssh) on a public service. */
  static boolean exposesSsh(ServiceSpec service, PortSpec port) {
    return service.isPublic()
        && (port.number() == NodePorts.SSH || port.name().toLowerCase(Locale.ROOT).equals("ssh"));
  }
}
