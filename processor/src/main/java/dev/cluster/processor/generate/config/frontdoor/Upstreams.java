package dev.cluster.processor.generate.config.frontdoor;

import dev.cluster.processor.generate.units.PodNetwork;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * Where nginx sends a routed service's requests: {@code host:port}, or nothing when it cannot reach
 * it.
 */
@FunctionalInterface
public interface Upstreams {
  Optional<String> of(ServiceSpec service, int port);

  /**
   * In the cluster: the front door's ambassador for the service (the front door {@code uses} it),
   * which listens on the gateway of the front door's pod network ({@link PodNetwork}) and follows
   * the service's healthy instances.
   */
  static Upstreams ambassadors(ClusterModel model, ServiceSpec frontDoor) {
    return (service, port) ->
        model.ambassadorsOf(frontDoor).stream()
            .filter(a -> a.used().id().equals(service.id()))
            .flatMap(a -> a.listeners().stream())
            .filter(l -> l.target().number() == port)
            .map(AmbassadorSpec.Listener::localPort)
            .findFirst()
            .map(local -> PodNetwork.ambassadorAddress(model, frontDoor) + ":" + local);
  }
}
