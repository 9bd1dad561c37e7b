package dev.cluster.processor.generate.config.frontdoor;

import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/** Where nginx sends a routed service's requests: {@code host:port}, or nothing when it cannot reach it. */
@FunctionalInterface
public interface Upstreams {
  Optional<String> of(ServiceSpec service, int port);

  /**
   * In the cluster: the front door's ambassador for the service (the front door {@code uses} it), which
   * listens on the docker bridge of the front door's machine and follows the service's healthy instances.
   */
  static Upstreams ambassadors(ClusterModel model, ServiceSpec frontDoor) {
    return (service, port) -> model.ambassadorsOf(frontDoor).stream()
        .filter(a -> a.used().id().equals(service.id()))
        .flatMap(a -> a.listeners().stream())
        .filter(l -> l.target().number() == port)
        .map(AmbassadorSpec.Listener::localPort)
        .findFirst()
        .map(local -> AMBASSADOR_HOST + ":" + local);
  }

  /** The address ambassadors bind on a machine (the docker bridge, as the app units' {@code <USED>_HOST}). */
  String AMBASSADOR_HOST = "172.17.0.1";
}
