package dev.cluster.runtime.ambassador;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.patroni.PatroniScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ambassador: a local HAProxy listener forwarding to what etcd says. Read from one JSON file
 * per ambassador:
 *
 * <pre>{@code
 * {
 *   "name": "postgres",                  // HAProxy frontend/backend name: [A-Za-z0-9_-]+
 *   "listenAddress": "127.0.0.1",        // optional, default 127.0.0.1
 *   "listenPort": 5432,
 *   "clients": ["10.222.0.8/29"],         // optional: only connections from these ranges are taken (the pod's own
 *                                        // network), any other is closed at once; absent: any that reaches the address
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
 * {@code port} names a port of the instance's presence/election record ({@code "ports": {"main":
 * 6379}}); a Patroni member's address comes from its {@code conn_url}.
 */
public record AmbassadorConfig(
    String name,
    String listenAddress,
    int listenPort,
    List<String> clients,
    Mode mode,
    Target target,
    HealthCheck healthCheck,
    int maxServers) {
  private static final Pattern IPV4_RANGE =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  public enum Mode {
    LEADER,
    ALL
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public AmbassadorConfig {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("ambassador name must match [A-Za-z0-9_-]+: " + name);
    }
    if (listenPort < 1 || listenPort > 65535) {
      throw new IllegalArgumentException("listenPort out of range: " + listenPort);
    }
    clients = List.copyOf(clients);
    clients.stream()
        .filter(range -> !isIpv4Range(range))
        .findFirst()
        .ifPresent(
            range -> {
              throw new IllegalArgumentException("clients: not an IPv4 range A.B.C.D/N: " + range);
            });
    boolean leaderTarget = !(target instanceof Target.Instances);
    if (leaderTarget != (mode == Mode.LEADER)) {
      throw new IllegalArgumentException(
          "mode "
              + mode.name().toLowerCase(Locale.ROOT)
              + " does not fit target "
              + target
              + ": instances go with mode all, election and patroni with mode leader");
    }
    if (mode == Mode.LEADER) {
      maxServers = 2; // the current leader and, during a change, the next one
    }
    if (maxServers < 1) {
      throw new IllegalArgumentException("maxServers must be positive: " + maxServers);
    }
  }

  /**
   * The same ambassador without a client restriction, where the address alone decides who reaches
   * it (tests).
   */
  public AmbassadorConfig(
      String name,
      String listenAddress,
      int listenPort,
      Mode mode,
      Target target,
      HealthCheck healthCheck,
      int maxServers) {
    this(name, listenAddress, listenPort, List.of(), mode, target, healthCheck, maxServers);
  }

  private static boolean isIpv4Range(String range) {
    Matcher m = IPV4_RANGE.matcher(range);
    if (!m.matches() || Integer.parseInt(m.group(5)) > 32) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  public static AmbassadorConfig read(Path file) throws IOException {
    return fromJson(JSON.readTree(Files.readString(file)));
  }

  public static AmbassadorConfig fromJson(JsonNode json) {
    JsonNode health = json.path("healthCheck");
    HealthCheck check =
        health.isMissingNode()
            ? HealthCheck.tcp(1000)
            : new HealthCheck(
                HealthCheck.Kind.valueOf(required(health, "kind").toUpperCase(Locale.ROOT)),
                Optional.ofNullable(health.path("path").textValue()),
                health.hasNonNull("port")
                    ? Optional.of(health.path("port").asInt())
                    : Optional.empty(),
                health.path("intervalMs").asInt(1000));
    List<String> clients = new ArrayList<>();
    json.path("clients").forEach(range -> clients.add(range.asText()));
    return new AmbassadorConfig(
        required(json, "name"),
        json.path("listenAddress").asText("127.0.0.1"),
        json.path("listenPort").asInt(0),
        clients,
        Mode.valueOf(required(json, "mode").toUpperCase(Locale.ROOT)),
        target(json.path("target")),
        check,
        json.path("maxServers").asInt(16));
  }

  private static Target target(JsonNode target) {
    String kind = required(target, "kind");
    return switch (kind) {
      case "instances" ->
          new Target.Instances(required(target, "service"), required(target, "port"));
      case "election" ->
          new Target.ElectionLeader(required(target, "name"), required(target, "port"));
      case "patroni" ->
          new Target.PatroniLeader(
              required(target, "scope"),
              target.path("namespace").asText(PatroniScope.DEFAULT_NAMESPACE));
      default ->
          throw new IllegalArgumentException(
              "unknown target kind " + kind + "; expected instances, election or patroni");
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
