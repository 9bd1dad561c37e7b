package dev.cluster.processor.generate.units;

import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.Optional;

/**
 * How to tell that an instance is up: an HTTP GET of {@code path} on {@code port} answered with 2xx
 * or 3xx, or, without a path, an open TCP port.
 */
public record Probe(Optional<String> httpPath, int port) {
  /**
   * Patroni's REST API: {@code /health} answers 200 while Postgres runs, {@code /primary} only on
   * the leader.
   */
  static int patroniPort(ServiceSpec database) {
    return database.port("patroni").orElseThrow().number();
  }

  /**
   * Whether an instance is healthy: its {@code @Health}, Patroni's health, or its first port. The
   * presence agent probes nothing, so this is what the ambassadors' HAProxy checks.
   */
  public static Probe presence(ServiceSpec service) {
    if (service.kind() == ServiceKind.POSTGRES) {
      return new Probe(Optional.of("/health"), patroniPort(service));
    }
    return new Probe(service.health().map(h -> h.path()), service.healthPort());
  }

  /**
   * Whether an ambassador may forward to an instance. Only Patroni's leader answers {@code
   * /primary}; an elected service runs its app on the leader only, so its ordinary probe already
   * singles the leader out.
   */
  public static Probe ambassador(ServiceSpec used) {
    if (used.kind() == ServiceKind.POSTGRES) {
      return new Probe(Optional.of("/primary"), patroniPort(used));
    }
    return presence(used);
  }
}
