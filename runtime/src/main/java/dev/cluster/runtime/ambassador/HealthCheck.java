package dev.cluster.runtime.ambassador;

import java.util.Optional;

/**
 * How HAProxy probes each backend server: {@code none}, a TCP connect, or an HTTP GET of {@code
 * path} that must answer 2xx/3xx, on the server's own port or on {@code port} (e.g. Patroni's REST
 * API, 8008, with path {@code /primary}: only the real primary passes, even while a stale leader
 * key still names an old one). {@code intervalMs} is the period while the server is up (a server
 * that is down or just enabled is probed every 100 ms so a new leader takes traffic quickly).
 */
public record HealthCheck(
    Kind kind, Optional<String> httpPath, Optional<Integer> port, int intervalMs) {

  public enum Kind {
    NONE,
    TCP,
    HTTP
  }

  public HealthCheck {
    if (kind == Kind.HTTP && httpPath.isEmpty()) {
      throw new IllegalArgumentException("an http health check needs a path");
    }
    if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
      throw new IllegalArgumentException("health check port out of range: " + port.get());
    }
    if (intervalMs < 100) {
      throw new IllegalArgumentException("health check interval below 100 ms: " + intervalMs);
    }
  }

  public static HealthCheck tcp(int intervalMs) {
    return new HealthCheck(Kind.TCP, Optional.empty(), Optional.empty(), intervalMs);
  }
}
