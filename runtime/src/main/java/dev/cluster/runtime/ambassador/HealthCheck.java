package dev.cluster.runtime.ambassador;

import java.util.Optional;

/**
 * How HAProxy probes each backend server: {@code none}, a TCP connect, or an HTTP GET of {@code path} that must
 * answer 2xx/3xx. {@code intervalMs} is the period while the server is up (a server that is down or just enabled is
 * probed every 100 ms so a new leader takes traffic quickly).
 */
public record HealthCheck(Kind kind, Optional<String> httpPath, int intervalMs) {

    public enum Kind { NONE, TCP, HTTP }

    public HealthCheck {
        if (kind == Kind.HTTP && httpPath.isEmpty()) {
            throw new IllegalArgumentException("an http health check needs a path");
        }
        if (intervalMs < 100) {
            throw new IllegalArgumentException("health check interval below 100 ms: " + intervalMs);
        }
    }

    public static HealthCheck tcp(int intervalMs) {
        return new HealthCheck(Kind.TCP, Optional.empty(), intervalMs);
    }
}
