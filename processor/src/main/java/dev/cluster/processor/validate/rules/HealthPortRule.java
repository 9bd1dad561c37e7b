package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.HealthSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/** The health check GETs one of the service's own ports; any other port would never answer. */
public final class HealthPortRule implements Rule {
  @Override
  public String tag() {
    return "health-port";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (service.health().isEmpty()) {
        continue;
      }
      HealthSpec health = service.health().get();
      if (!Ports.refersToOwnPort(service, health.port())) {
        problems.error(
            service.originOf("Health"),
            "port",
            Ports.describeReference(health.port())
                + " but service "
                + service.name()
                + " listens on "
                + Ports.numbers(service)
                + "; @Health must check one of its ports");
      }
    }
  }
}
