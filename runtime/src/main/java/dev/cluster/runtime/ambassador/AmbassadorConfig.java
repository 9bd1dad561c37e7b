package dev.cluster.runtime.ambassador;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One ambassador: a local HAProxy listener forwarding to what etcd says. Read from one JSON file per ambassador:
 *
 * <pre>{@code
 * {
 *   "name": "postgres",                  // HAProxy frontend/backend name: [A-Za-z0-9_-]+
 *   "listenAddress": "127.0.0.1",        // optional, default 127.0.0.1
 *   "listenPort": 5432,
 *   "mode": "leader",                    // "leader": only the leader; "all": every healthy instance
 *   "target": {"kind": "patroni", "scope": "pg", "namespace": "/service/"},
 *       // or {"kind": "election", "name": "redis", "port": "main"}      (mode leader)
 *       // or {"kind": "instances", "service": "web", "port": "http"}    (mode all)
 *   "healthCheck": {"kind": "http", "path": "/primary", "port": 8008, "intervalMs": 1000},
 *       // optional, default {"kind": "tcp", "intervalMs": 1000}; kind none|tcp|http, http needs "path";
 *       // "port" probes another port than the traffic's (default: the server's own)
 *   "maxServers": 16                     // optional: backend slots for mode all (leader mode uses 2)
 * }
 * }</pre>
 *
 * {@code port} names a port of the instance's presence/election record ({@code "ports": {"main": 6379}}); a Patroni
 * member's address comes from its {@code conn_url}.
 */
public record AmbassadorConfig(String name, String listenAddress, int listenPort, Mode mode, Target target,
                               HealthCheck healthCheck, int maxServers) {

    public enum Mode { LEADER, ALL }

    private static final ObjectMapper JSON = new ObjectMapper();

    public AmbassadorConfig {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("ambassador name must match [A-Za-z0-9_-]+: " + name);
        }
        if (listenPort < 1 || listenPort > 65535) {
            throw new IllegalArgumentException("listenPort out of range: " + listenPort);
        }
        boolean leaderTarget = !(target instanceof Target.Instances);
        if (leaderTarget != (mode == Mode.LEADER)) {
            throw new IllegalArgumentException("mode " + mode.name().toLowerCase(Locale.ROOT) + " does not fit target "
                    + target + ": instances go with mode all, election and patroni with mode leader");
        }
        if (mode == Mode.LEADER) {
            maxServers = 2; // the current leader and, during a change, the next one
        }
        if (maxServers < 1) {
            throw new IllegalArgumentException("maxServers must be positive: " + maxServers);
        }
    }

    public static AmbassadorConfig read(Path file) throws IOException {
        return fromJson(JSON.readTree(Files.readString(file)));
    }

    public static AmbassadorConfig fromJson(JsonNode json) {
        JsonNode health = json.path("healthCheck");
        HealthCheck check = health.isMissingNode() ? HealthCheck.tcp(1000) : new HealthCheck(
                HealthCheck.Kind.valueOf(required(health, "kind").toUpperCase(Locale.ROOT)),
                Optional.ofNullable(health.path("path").textValue()),
                health.hasNonNull("port") ? Optional.of(health.path("port").asInt()) : Optional.empty(),
                health.path("intervalMs").asInt(1000));
        return new AmbassadorConfig(required(json, "name"), json.path("listenAddress").asText("127.0.0.1"),
                json.path("listenPort").asInt(0), Mode.valueOf(required(json, "mode").toUpperCase(Locale.ROOT)),
                target(json.path("target")), check, json.path("maxServers").asInt(16));
    }

    private static Target target(JsonNode target) {
        String kind = required(target, "kind");
        return switch (kind) {
            case "instances" -> new Target.Instances(required(target, "service"), required(target, "port"));
            case "election" -> new Target.ElectionLeader(required(target, "name"), required(target, "port"));
            case "patroni" -> new Target.PatroniLeader(required(target, "scope"),
                    target.path("namespace").asText("/service/"));
            default -> throw new IllegalArgumentException("unknown target kind " + kind
                    + "; expected instances, election or patroni");
        };
    }

    private static String required(JsonNode node, String field) {
        String value = node.path(field).textValue();
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ambassador config: missing \"" + field + "\" in " + node);
        }
        return value;
    }
}
