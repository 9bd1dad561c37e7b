package dev.cluster.processor.generate.services;

import dev.cluster.processor.model.HealthSpec;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.ConfiguredImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The front door's guard in an image whose app reads {@code X-Auth-Request-User} but cannot check
 * the front door's proof (the {@link ConfiguredImage}s: their entrypoint starts {@code
 * containers/front-door-guard} before the app). The guard listens on the service's HTTP port, the
 * one its unit publishes and the front door reaches; the app listens on 127.0.0.1 at {@link
 * #backendPort}, inside the container, where only the guard reaches it. The service's configuration
 * file and its unit's environment take both numbers from here, so they cannot disagree. The guard
 * checks the proof with the {@code FRONT_DOOR_*} variables every service behind the sign-in gets;
 * what it lets through without one are the route's open paths and the {@code @Health} path the
 * ambassadors' checks ask for.
 */
public record GuardedPort(
    int port, int backendPort, List<String> openPaths, Optional<String> healthPath) {
  static final String PORT_ENV = "GUARD_PORT";
  static final String BACKEND_PORT_ENV = "GUARD_BACKEND_PORT";
  static final String OPEN_PATHS_ENV = "GUARD_OPEN_PATHS";
  static final String HEALTH_PATH_ENV = "GUARD_HEALTH_PATH";
  private static final int MAX_PORT = 65535;

  public GuardedPort {
    openPaths = List.copyOf(openPaths);
  }

  /** The guard of {@code service}'s HTTP port, when its image runs one. */
  public static Optional<GuardedPort> of(ServiceSpec service) {
    if (service.ports().isEmpty() || ConfiguredImage.of(service).isEmpty()) {
      return Optional.empty();
    }
    int port = ServiceConfigs.port(service, "http", 0);
    Optional<String> health =
        service.health().filter(h -> service.healthPort() == port).map(HealthSpec::path);
    return Optional.of(
        new GuardedPort(
            port,
            backendPort(service, port),
            service.route().map(RouteSpec::openPaths).orElse(List.of()),
            health));
  }

  /** The variables the guard reads (containers/front-door-guard), in a fixed order. */
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(PORT_ENV, String.valueOf(port));
    env.put(BACKEND_PORT_ENV, String.valueOf(backendPort));
    if (!openPaths.isEmpty()) {
      env.put(OPEN_PATHS_ENV, String.join(",", openPaths));
    }
    healthPath.ifPresent(path -> env.put(HEALTH_PATH_ENV, path));
    return env;
  }

  /**
   * The first port above the guarded one (else below it) that the service does not declare: nothing
   * else in the container uses it.
   */
  private static int backendPort(ServiceSpec service, int port) {
    Set<Integer> declared =
        service.ports().stream().map(PortSpec::number).collect(Collectors.toSet());
    return IntStream.concat(
            IntStream.rangeClosed(port + 1, MAX_PORT),
            IntStream.iterate(port - 1, p -> p > 0, p -> p - 1))
        .filter(p -> !declared.contains(p))
        .findFirst()
        .orElseThrow();
  }
}
