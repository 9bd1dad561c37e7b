package dev.cluster.processor.generate.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.generate.units.AppContainer;
import dev.cluster.processor.generate.units.PodNetwork;
import dev.cluster.processor.generate.units.Probe;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;

/**
 * The JSON one ambassador agent reads, in the runtime's format ({@code
 * dev.cluster.runtime.ambassador. AmbassadorConfig}, see runtime/README.md): one listener, what
 * etcd says it forwards to, and the health check. The runtime renders HAProxy's configuration from
 * it; the processor writes no HAProxy config.
 *
 * <ul>
 *   <li>a Postgres database: mode {@code leader}, target {@code patroni} with the scope and
 *       namespace of {@link PatroniConfig}, health check {@code /primary} on Patroni's REST port;
 *   <li>an elected service (the derived Redis and MariaDB too): mode {@code leader}, target {@code
 *       election} named like the {@code elect --name} of its app unit;
 *   <li>any other service: mode {@code all}, target {@code instances} of its presence keys, checked
 *       by its {@code @Health} path or a TCP connect, one backend slot per replica.
 * </ul>
 *
 * <p>Ports are named as the presence and elect agents announce them ({@link
 * AppContainer#portName}).
 */
final class AmbassadorConfig {
  static final int CHECK_INTERVAL_MS = 1000;

  private final ClusterModel model;
  private final AmbassadorSpec ambassador;
  private final AmbassadorSpec.Listener listener;

  AmbassadorConfig(
      ClusterModel model, AmbassadorSpec ambassador, AmbassadorSpec.Listener listener) {
    this.model = model;
    this.ambassador = ambassador;
    this.listener = listener;
  }

  String json() {
    ServiceSpec used = ambassador.used();
    ObjectNode root = Json.object();
    root.put("name", ambassador.name(listener));
    PodNetwork network = PodNetwork.of(model, ambassador.user()).orElseThrow();
    root.put("listenAddress", network.gateway());
    root.put("listenPort", listener.localPort());
    root.putArray("clients").add(network.subnet().toString());
    boolean leader = used.kind() == ServiceKind.POSTGRES || used.isElected();
    root.put("mode", leader ? "leader" : "all");
    ObjectNode target = root.putObject("target");
    ObjectNode health = Json.object();
    if (used.kind() == ServiceKind.POSTGRES) {
      target
          .put("kind", "patroni")
          .put("scope", PatroniConfig.scope(model, used).scope())
          .put("namespace", PatroniConfig.scope(model, used).namespace());
    } else {
      String port = AppContainer.portName(used, listener.target());
      if (used.isElected()) {
        target.put("kind", "election").put("name", used.name()).put("port", port);
      } else {
        target.put("kind", "instances").put("service", used.name()).put("port", port);
      }
    }
    Probe probe = Probe.ambassador(used);
    if (probe.httpPath().isPresent()) {
      health.put("kind", "http").put("path", probe.httpPath().get()).put("port", probe.port());
    } else {
      health.put("kind", "tcp"); // on each server's own port
    }
    health.put("intervalMs", CHECK_INTERVAL_MS);
    root.set("healthCheck", health);
    // The runtime uses two slots in mode leader (the leader and, during a change, the next one).
    root.put("maxServers", leader ? 2 : Math.max(1, model.instancesOf(used)));
    return Json.pretty(root);
  }
}
