package dev.cluster.processor.read;

import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The front door talks to every routed service, so it uses each one as if its {@code uses} named
 * it: each gets an ambassador on the front door's machine, which nginx's server block forwards to.
 * A route therefore works with nothing written on the front door. Services without ports are left
 * to {@code route-port}.
 */
final class FrontDoorUses {
  private FrontDoorUses() {}

  static void apply(List<ServiceSpec> services) {
    List<String> routed =
        services.stream()
            .filter(s -> s.route().isPresent() && !s.frontDoor() && !s.ports().isEmpty())
            .map(ServiceSpec::id)
            .toList();
    services.replaceAll(
        s -> {
          if (!s.frontDoor()) {
            return s;
          }
          List<String> more = new ArrayList<>(routed);
          more.removeAll(s.uses());
          return more.isEmpty() ? s : s.withUses(more);
        });
  }
}
