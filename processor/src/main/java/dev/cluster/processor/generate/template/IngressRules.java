package dev.cluster.processor.generate.template;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.naming.TemplateParameterNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives every security-group opening from the model, none listed by hand: a service's port opens
 * only to the node groups of the services that use it (the front door uses every routed service),
 * to the internet only for a public service, and to a CIDR parameter when a port names one;
 * replicas that talk to each other (database members, DATA engines, each synced volume's Syncthing)
 * open their ports within their own group; etcd's client port opens to every group (fleet, the
 * agents, and DATA units, which announce themselves there and fetch their configuration from it),
 * its peer port only among MAIN machines; SSH only from the admin CIDR parameter.
 *
 * <p>Openings of one node group from one source over one protocol are merged into one rule per run
 * of consecutive ports: a rule opens exactly the ports the uses open, and a group's rule count
 * (which AWS caps per security group, {@link SecurityGroupRules}) grows with the runs, not with the
 * uses.
 */
final class IngressRules {
  static final int SSH = 22;
  static final int ETCD_CLIENT = 2379;
  static final int ETCD_PEER = 2380;

  private IngressRules() {}

  static List<IngressRule> derive(ClusterModel model) {
    Map<String, IngressRule> rules = new LinkedHashMap<>();
    for (NodeGroupSpec group : model.nodeGroups()) {
      add(
          rules,
          IngressRule.fromParameter(
              group.name(),
              "tcp",
              SSH,
              TemplateParameterNames.ADMIN_CIDR,
              "SSH from the admin network"));
      if (group.role() == Role.MAIN) {
        for (NodeGroupSpec client : model.nodeGroups()) {
          add(
              rules,
              IngressRule.fromGroup(
                  group.name(),
                  "tcp",
                  ETCD_CLIENT,
                  ETCD_CLIENT,
                  client.name(),
                  "etcd clients (fleet, agents) on " + client.name()));
        }
        add(
            rules,
            IngressRule.fromGroup(
                group.name(), "tcp", ETCD_PEER, ETCD_PEER, group.name(), "etcd peers"));
      }
    }
    for (ServiceSpec service : model.services()) {
      model
          .nodeGroup(service.runsOn())
          .ifPresent(group -> serviceRules(model, service, group, rules));
    }
    return merged(List.copyOf(rules.values()));
  }

  /**
   * One rule per target, protocol, source and run of consecutive ports, in the order of each run's
   * first opening, so that the template's order and logical ids (which end with the run's first
   * port) are stable.
   */
  private static List<IngressRule> merged(List<IngressRule> openings) {
    Map<String, List<IngressRule>> byPeer = new LinkedHashMap<>();
    for (IngressRule opening : openings) {
      byPeer.computeIfAbsent(opening.peerKey(), k -> new ArrayList<>()).add(opening);
    }
    Map<IngressRule, Integer> order = new HashMap<>();
    openings.forEach(opening -> order.putIfAbsent(opening, order.size()));
    List<List<IngressRule>> runs = new ArrayList<>();
    for (List<IngressRule> peer : byPeer.values()) {
      List<IngressRule> byPort =
          peer.stream().sorted(Comparator.comparingInt(IngressRule::fromPort)).toList();
      List<IngressRule> run = new ArrayList<>();
      int runEnd = Integer.MIN_VALUE;
      for (IngressRule opening : byPort) {
        if (!run.isEmpty() && opening.fromPort() > runEnd + 1) {
          runs.add(run);
          run = new ArrayList<>();
        }
        run.add(opening);
        runEnd = Math.max(runEnd, opening.toPort());
      }
      runs.add(run);
    }
    return runs.stream()
        .sorted(
            Comparator.comparingInt(run -> run.stream().mapToInt(order::get).min().orElseThrow()))
        .map(IngressRule::merge)
        .toList();
  }

  private static void serviceRules(
      ClusterModel model,
      ServiceSpec service,
      NodeGroupSpec group,
      Map<String, IngressRule> rules) {
    for (PortSpec port : service.ports()) {
      String what =
          service.name() + " " + (port.name().isEmpty() ? "port " + port.number() : port.name());
      if (service.isPublic()) {
        add(
            rules,
            IngressRule.fromInternet(
                group.name(),
                port.protocol(),
                port.number(),
                what + ": public because " + service.publicReason().orElseThrow()));
      }
      if (!port.openToParameter().isEmpty()) {
        add(
            rules,
            IngressRule.fromParameter(
                group.name(),
                port.protocol(),
                port.number(),
                port.openToParameter(),
                what + " from " + port.openToParameter()));
      }
      for (ServiceSpec user : model.usersOf(service)) {
        model
            .nodeGroup(user.runsOn())
            .ifPresent(
                userGroup ->
                    add(
                        rules,
                        IngressRule.fromGroup(
                            group.name(),
                            port.protocol(),
                            port.number(),
                            port.number(),
                            userGroup.name(),
                            what + " for " + user.name())));
      }
      if (replicasTalk(service, group)) {
        add(
            rules,
            IngressRule.fromGroup(
                group.name(),
                port.protocol(),
                port.number(),
                port.number(),
                group.name(),
                what + " between replicas"));
      }
    }
    // Each synced volume's Syncthing listens on its own TCP port (model VolumePorts, as the volume
    // units use it).
    for (VolumeSpec volume : service.volumes()) {
      int port = model.volumePorts(service, volume).listen();
      add(
          rules,
          IngressRule.fromGroup(
              group.name(),
              "tcp",
              port,
              port,
              group.name(),
              "Syncthing of " + service.name() + " " + volume.path() + " between replicas"));
    }
  }

  private static boolean replicasTalk(ServiceSpec service, NodeGroupSpec group) {
    return service.kind() == ServiceKind.POSTGRES || group.role() == Role.DATA;
  }

  private static void add(Map<String, IngressRule> rules, IngressRule rule) {
    rules.putIfAbsent(rule.key(), rule);
  }
}
