package dev.cluster.processor.generate.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.generate.units.AppContainer;
import dev.cluster.processor.generate.units.Probe;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;

/**
 * One ambassador's two files: the JSON the {@code ambassador} agent reads (what to follow, where HAProxy's
 * admin socket is), and the HAProxy configuration it starts from. HAProxy starts with one disabled server
 * slot per replica of the used service; the agent points the slots at the announced instances through
 * the admin socket, without a reload. Health checks run every second and take a server out after two
 * failures, so a dead leader's clients are cut off within about two seconds.
 */
final class AmbassadorConfig {
  static final String ADMIN_SOCKET = "/run/haproxy/admin.sock";
  static final String SLOT_PREFIX = "instance";

  private final ClusterModel model;
  private final AmbassadorSpec ambassador;

  AmbassadorConfig(ClusterModel model, AmbassadorSpec ambassador) {
    this.model = model;
    this.ambassador = ambassador;
  }

  /**
   * {@code discovery}: a fleet service's instances announce themselves under an etcd prefix; a DATA
   * group's service runs on every machine of its group, which has no etcd, so the agent lists the group's
   * machines by their EC2 tags instead.
   */
  String json(String haproxyPath) {
    ServiceSpec used = ambassador.used();
    ObjectNode root = Json.object();
    root.put("user", ambassador.user().name());
    root.put("service", used.name());
    ObjectNode discovery = root.putObject("discovery");
    if (model.runsOnFleet(used)) {
      discovery.put("etcdPrefix", "/services/" + used.name() + "/instances/");
    } else {
      discovery.putObject("ec2Tags")
          .put("dev-cluster:cluster", model.cluster().name())
          .put("dev-cluster:group", model.nodeGroup(used.runsOn()).map(g -> g.name()).orElse(""));
    }
    root.put("select", used.leaderOnly() ? "leader" : "all");
    root.put("haproxyConfig", haproxyPath);
    root.put("adminSocket", ADMIN_SOCKET);
    ArrayNode listeners = root.putArray("listeners");
    for (AmbassadorSpec.Listener listener : ambassador.listeners()) {
      listeners.addObject()
          .put("backend", backend(listener))
          .put("bind", AppContainer.AMBASSADOR_HOST + ":" + listener.localPort())
          .put("targetPort", listener.target().number())
          .put("slotPrefix", SLOT_PREFIX)
          .put("slots", slots());
    }
    Probe probe = Probe.ambassador(used);
    ObjectNode health = root.putObject("health");
    health.put("type", probe.httpPath().isPresent() ? "http" : "tcp");
    probe.httpPath().ifPresent(path -> health.put("path", path));
    health.put("port", probe.port());
    return Json.pretty(root);
  }

  String haproxy() {
    ServiceSpec used = ambassador.used();
    StringBuilder out = new StringBuilder();
    out.append("# Ambassador of ").append(ambassador.user().name()).append(" for ").append(used.name())
        .append(" (").append(used.leaderOnly() ? "its leader only" : "every healthy instance")
        .append("). The ambassador agent fills the server slots.\n");
    out.append("global\n")
        .append("    maxconn 1024\n")
        .append("    stats socket ").append(ADMIN_SOCKET).append(" mode 600 level admin\n")
        .append("    stats timeout 10s\n")
        .append("\n")
        .append("defaults\n")
        .append("    mode tcp\n")
        .append("    timeout connect 2s\n")
        .append("    timeout client 1h\n")
        .append("    timeout server 1h\n")
        .append("    timeout check 2s\n")
        .append("    default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions\n");
    Probe probe = Probe.ambassador(used);
    for (AmbassadorSpec.Listener listener : ambassador.listeners()) {
      out.append("\nlisten ").append(backend(listener)).append('\n')
          .append("    bind ").append(AppContainer.AMBASSADOR_HOST).append(':').append(listener.localPort()).append('\n')
          // With a leader only, at most one slot passes its check; "first" keeps a brief overlap on one server.
          .append("    balance ").append(used.leaderOnly() ? "first" : "roundrobin").append('\n');
      probe.httpPath().ifPresent(path -> out
          .append("    option httpchk GET ").append(path).append('\n')
          .append("    http-check expect rstatus ^[23]\n"));
      out.append("    server-template ").append(SLOT_PREFIX).append(" 1-").append(slots()).append(" 127.0.0.1:")
          .append(listener.target().number()).append(" check port ").append(probe.port()).append(" disabled\n");
    }
    return out.toString();
  }

  private String backend(AmbassadorSpec.Listener listener) {
    return ambassador.used().name() + "-" + listener.target().number();
  }

  /** One per instance: a fleet service's replicas, or every machine a DATA group can have. */
  private int slots() {
    ServiceSpec used = ambassador.used();
    int instances = model.runsOnFleet(used)
        ? used.replicas()
        : model.nodeGroup(used.runsOn()).map(g -> g.maxSize()).orElse(1);
    return Math.max(1, instances);
  }
}
