package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;
import java.util.HashMap;
import java.util.Map;

/**
 * A route answers at {@code <subdomain>.<domain>}: the subdomain must be a DNS label, and two
 * routes of one subdomain would make the front door serve only one. A default subdomain is the
 * service's name, which [service-name] checks already. Two routes of one subdomain are a {@link
 * Problems#clash}: reported on both, or on the one just edited when javac lets that be known.
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
          problems.error(
              route.origin(),
              "subdomain",
              "subdomain = \""
                  + subdomain
                  + "\" of service "
                  + service.name()
                  + " must be "
                  + NameChecks.DNS_LABEL_FORM);
        }
        continue;
      }
      ServiceSpec owner = taken.putIfAbsent(subdomain, service);
      if (owner != null) {
        RouteSpec ownerRoute = owner.route().orElseThrow();
        problems.clash(
            route.origin(),
            "subdomain",
            sharedBy(model, service, owner),
            ownerRoute.origin(),
            "subdomain",
            sharedBy(model, owner, service));
      }
    }
  }

  private static String sharedBy(ClusterModel model, ServiceSpec service, ServiceSpec other) {
    String subdomain = service.route().orElseThrow().subdomain();
    return "subdomain = \""
        + subdomain
        + "\" of service "
        + service.name()
        + " ("
        + References.declaredIn(service.id())
        + ") is routed to service "
        + other.name()
        + " ("
        + References.declaredIn(other.id())
        + ") too; "
        + subdomain
        + "."
        + model.cluster().domain()
        + " can lead to one service only";
  }
}
