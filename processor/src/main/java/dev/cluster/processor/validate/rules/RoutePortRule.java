package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;

/** The front door forwards a route to one of the service's own ports; any other port is closed. */
public final class RoutePortRule implements RouteRule {
  @Override
  public String tag() {
    return "route-port";
  }

  @Override
  public void check(ClusterModel model, ServiceSpec service, RouteSpec route, Problems problems) {
    if (!Ports.refersToOwnPort(service, route.port())) {
      problems.error(
          route.origin(),
          "port",
          Ports.describeReference(route.port())
              + " but service "
              + service.name()
              + " listens on "
              + Ports.numbers(service)
              + "; @Route must forward to one of its ports");
    }
  }
}
