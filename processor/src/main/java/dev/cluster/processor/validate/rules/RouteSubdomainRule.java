package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Problems;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.Map;

/**
 * A route answers at {@code <subdomain>.<domain>}: the subdomain must be a DNS label, and two routes of
 * one subdomain would make the front door serve only one. A default subdomain is the service's name,
 * which [service-name] checks already.
 */
public final class RouteSubdomainRule implements Rule {
  @Override
  public String tag() {
    return "route-subdomain";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    Map<String, ServiceSpec> taken = new HashMap<>();
    for (ServiceSpec service : model.services()) {
      if (service.route().isEmpty()) {
        continue;
      }
      RouteSpec route = service.route().get();
      String subdomain = route.subdomain();
      if (!NameChecks.isDnsLabel(subdomain)) {
        if (!subdomain.equals(service.name())) {
          problems.error(route.origin(), "subdomain", "subdomain = \"" + subdomain + "\" of service "
              + service.name() + " must be " + NameChecks.DNS_LABEL_FORM);
        }
        continue;
      }
      ServiceSpec owner = taken.putIfAbsent(subdomain, service);
      if (owner != null) {
        problems.error(route.origin(), "subdomain", "subdomain = \"" + subdomain + "\" of service "
            + service.name() + " is routed to service " + owner.name() + " already; " + subdomain + "."
            + model.cluster().domain() + " can lead to one service only");
      }
    }
  }
}
