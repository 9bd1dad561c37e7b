package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/** A rule about one {@code @Route} at a time: called for each service that has one. */
interface RouteRule extends Rule {
  void check(ClusterModel model, ServiceSpec service, RouteSpec route, Problems problems);

  @Override
  default void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      service.route().ifPresent(route -> check(model, service, route, problems));
    }
  }
}
