package dev.cluster.runtime.ambassador;

import java.nio.file.Path;

/**
 * Renders the base HAProxy configuration of one ambassador. Its backend has only disabled server
 * slots ({@code slot1..slotN}); the agent points them at real addresses through the runtime API, so
 * backend changes never need a reload that could drop connections.
 */
public final class HaproxyConfig {

  public static final String SLOT_PREFIX = "slot";

  public static String render(AmbassadorConfig config, Path adminSocket) {
    StringBuilder cfg = new StringBuilder();
    cfg.append("global\n")
        .append("    stats socket ")
        .append(adminSocket)
        .append(" mode 600 level admin\n")
        .append("    stats timeout 10s\n")
        .append("    maxconn 2000\n")
        .append("\n")
        .append("defaults\n")
        .append("    mode tcp\n")
        .append("    timeout connect 2s\n")
        // HAProxy waits min(timeout connect, 1 s) before each retry, to the same server: a client
        // connecting while the old leader shuts down would wait out those retries after the new
        // leader is enabled. Failing at once lets the client's next attempt go to the new leader.
        .append("    retries 0\n")
        // long-lived database and cache connections; idle ones are closed by the engines themselves
        .append("    timeout client 1h\n")
        .append("    timeout server 1h\n")
        .append("    timeout check 1s\n")
        .append("\n")
        .append("frontend ")
        .append(config.name())
        .append('\n')
        .append("    bind ")
        .append(config.listenAddress())
        .append(':')
        .append(config.listenPort())
        .append('\n');
    if (!config.clients().isEmpty()) {
      // The listen address is the pod network's gateway, which the machine answers on from any of
      // its containers: the source is what tells the pod's own app from the others.
      cfg.append("    tcp-request connection reject unless { src ")
          .append(String.join(" ", config.clients()))
          .append(" }\n");
    }
    cfg.append("    default_backend ")
        .append(config.name())
        .append('\n')
        .append("\n")
        .append("backend ")
        .append(config.name())
        .append('\n')
        .append("    balance ")
        .append(config.mode() == AmbassadorConfig.Mode.LEADER ? "first" : "roundrobin")
        .append('\n');
    HealthCheck check = config.healthCheck();
    if (check.kind() == HealthCheck.Kind.HTTP) {
      cfg.append("    option httpchk GET ").append(check.httpPath().orElseThrow()).append('\n');
    }
    cfg.append("    server-template ")
        .append(SLOT_PREFIX)
        .append(" 1-")
        .append(config.maxServers())
        .append(" 127.0.0.1:1 disabled");
    if (check.kind() != HealthCheck.Kind.NONE) {
      cfg.append(" check inter ")
          .append(check.intervalMs())
          .append("ms fastinter 100ms downinter 100ms rise 1 fall 2");
      check.port().ifPresent(port -> cfg.append(" port ").append(port));
    }
    if (config.mode() == AmbassadorConfig.Mode.LEADER) {
      cfg.append(" on-marked-down shutdown-sessions");
    }
    return cfg.append('\n').toString();
  }

  private HaproxyConfig() {}
}
