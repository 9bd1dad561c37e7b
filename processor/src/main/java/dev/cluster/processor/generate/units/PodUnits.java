package dev.cluster.processor.generate.units;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.contract.agent.AgentCommands.Ambassador;
import dev.cluster.contract.agent.AgentCommands.Elect;
import dev.cluster.contract.agent.AgentCommands.Volume;
import dev.cluster.contract.agent.CommandLine;
import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumePorts;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.naming.PodPlan;
import dev.cluster.processor.naming.UnitNames;
import java.util.List;
import java.util.Map;

/**
 * The template units of one service's pods (replica {@code %i} is pod {@code %i}): the pod unit,
 * which fleet places on a machine of the service's node group away from the service's other pods,
 * and the units that follow it there with {@code MachineOf}: one ambassador per used service and
 * one unit per synced volume, both started before the app; the app; and the presence heartbeat,
 * bound to the app. Which units a pod has, and their names, is {@link PodPlan}'s.
 */
final class PodUnits {
  private final ClusterModel model;
  private final ServiceSpec service;
  private final NodeGroupSpec group;
  private final UnitNames names;
  private final UnitImage agents;

  PodUnits(ClusterModel model, ServiceSpec service, NodeGroupSpec group) {
    this.model = model;
    this.service = service;
    this.group = group;
    this.names = UnitNames.of(service);
    this.agents = UnitImage.agents(model);
  }

  List<SystemdUnit> units() {
    return PodPlan.of(model, service).stream().map(this::make).toList();
  }

  private SystemdUnit make(PodPlan.Unit unit) {
    if (unit instanceof PodPlan.PodUnit) {
      return pod();
    }
    if (unit instanceof PodPlan.NetworkUnit) {
      return network(PodNetwork.of(model, service).orElseThrow());
    }
    if (unit instanceof PodPlan.AmbassadorUnit ambassador) {
      return ambassador(ambassador.ambassador(), ambassador.listener());
    }
    if (unit instanceof PodPlan.VolumeUnit volume) {
      return volume(volume.volume());
    }
    if (unit instanceof PodPlan.AppUnit) {
      return app();
    }
    if (unit instanceof PodPlan.PresenceUnit) {
      return presence();
    }
    throw new IllegalArgumentException("no unit is made for " + unit);
  }

  /**
   * Holds the machine for its replica and runs nothing itself: stopping it (fleet unscheduling the
   * replica) stops every unit bound to it.
   */
  private SystemdUnit pod() {
    return SystemdUnit.builder(UnitNames.template(names.pod()))
        .section("Unit")
        .add(
            "Description",
            "Pod %i of "
                + service.name()
                + ": holds one machine of "
                + group.name()
                + " for the replica's units")
        .section("Service")
        .add("Type", "oneshot")
        .add("RemainAfterExit", "yes")
        .add("ExecStart", "/usr/bin/true")
        .section("X-Fleet")
        .add("Conflicts", UnitNames.allInstances(names.pod()))
        .add("MachineMetadata", "group=" + group.name())
        .build();
  }

  /**
   * The replica's pod network on its machine ({@link PodNetwork}), which the app joins and the
   * ambassadors listen on: made anew at each start, so that it always has the subnet this build
   * gave the service; kept while a container of the replica is still attached (the removal fails),
   * so that a restart of this unit alone stops nothing.
   */
  private SystemdUnit network(PodNetwork network) {
    return SystemdUnit.builder(UnitNames.template(names.network()))
        .section("Unit")
        .add(
            "Description",
            "Network "
                + network.name()
                + " ("
                + network.subnet()
                + ") of "
                + service.name()
                + " %i: its app and its ambassadors, apart from the machine's other containers")
        .add("BindsTo", UnitNames.sameInstance(names.pod()))
        .add("Requires", "docker.service")
        .add("After", "docker.service " + UnitNames.sameInstance(names.pod()))
        .section("Service")
        .add("Type", "oneshot")
        .add("RemainAfterExit", "yes")
        .add("ExecStartPre", "-/usr/bin/docker network rm " + network.name())
        .add(
            "ExecStart",
            "/bin/sh -c '/usr/bin/docker network inspect "
                + network.name()
                + " >/dev/null 2>&1"
                + " || exec /usr/bin/docker network create --driver bridge --subnet "
                + network.subnet()
                + " --gateway "
                + network.gateway()
                + " "
                + network.name()
                + "'")
        .add("ExecStop", "-/usr/bin/docker network rm " + network.name())
        .section("X-Fleet")
        .add("MachineOf", UnitNames.sameInstance(names.pod()))
        .build();
  }

  private SystemdUnit app() {
    AppContainer app = new AppContainer(model, service, AppContainer.Placement.FLEET_REPLICA);
    ContainerUnit unit =
        followsPod(
            names.app(),
            service.name()
                + " replica %i"
                + (service.isElected() ? ", serving while it leads the election" : ""));
    model
        .ambassadorsOf(service)
        .forEach(
            a ->
                a.listeners()
                    .forEach(
                        l -> unit.requires(UnitNames.sameInstance(names.ambassador(a.name(l))))));
    PodNetwork.of(model, service)
        .ifPresent(network -> unit.requires(UnitNames.sameInstance(names.network())));
    service.volumes().forEach(v -> unit.requires(UnitNames.sameInstance(names.volume(v))));
    unit.container(app.name(), app.image()).fetch(app.fetchSteps());
    if (service.isElected()) {
      String elect = app.name() + "-elect";
      // The agent's child is a docker client talking to the host's daemon: docker.sock is root on
      // the host
      // whoever holds it, and the socket's group differs between hosts (Flatcar's docker is gid
      // 233), so
      // this one agent runs as root rather than as the image's uid 990 with a guessed --group-add.
      // On stop the agent goes first (it stops its child gracefully and revokes the lease), then
      // the app's
      // container is killed in case the agent could not (kill -9): the next leader may start once
      // the lease expires, sooner than docker stop's grace period.
      unit.fenced(app.name());
      unit.container(elect, agents)
          .runsAgent()
          .start(
              Agents.onHost(elect)
                  .option("--user=root")
                  .volume("/var/run/docker.sock", "/var/run/docker.sock", false)
                  .volume("/run/cluster", "/run/cluster", true)
                  .image(agents, elect(app))
                  .commandLine());
    } else {
      unit.start(app.run().commandLine());
    }
    return onPodMachine(unit);
  }

  /**
   * {@code elect}: the proposal carries the replica's address and named ports, so that the users'
   * ambassadors (target {@code election}) reach the leader. The app's container is the daemon's,
   * not the agent's child: {@code --docker-container} has the agent kill it when leadership ends.
   */
  private CommandLine<Elect> elect(AppContainer app) {
    return Elect.COMMAND
        .line()
        .with(Elect.ETCD, Agents.ETCD)
        .with(Elect.NAME, service.name())
        .with(Elect.TTL, String.valueOf(service.electedTtlSeconds().orElseThrow()))
        .with(Elect.HOST, "${PRIVATE_IP}")
        .with(Elect.DOCKER_CONTAINER, app.name())
        .withEach(Elect.PORT, AppContainer.portAssignments(service))
        .command(List.of(app.runNested().commandLine()));
  }

  /**
   * {@code presence}: the instance's key lives as long as the app's unit runs. The agent probes
   * nothing; the ambassadors' HAProxy health checks keep unhealthy instances out of their backends.
   */
  private SystemdUnit presence() {
    String container = UnitNames.container(names.presence());
    ContainerUnit unit =
        ContainerUnit.named(
                UnitNames.template(names.presence()),
                "Announces "
                    + service.name()
                    + " %i under "
                    + EtcdKeys.instances(service.name())
                    + " while it runs")
            .bindsTo(UnitNames.sameInstance(names.app()))
            .container(container, agents)
            .runsAgent()
            .start(Agents.presence(agents, container, service, "%i").commandLine());
    return onPodMachine(unit);
  }

  /** One listener of an ambassador: the runtime's agent reads its JSON and runs HAProxy from it. */
  private SystemdUnit ambassador(AmbassadorSpec ambassador, AmbassadorSpec.Listener listener) {
    ServiceSpec used = ambassador.used();
    String prefix = names.ambassador(ambassador.name(listener));
    String container = UnitNames.container(prefix);
    String json = ConfigPaths.ambassadorJson(service, ambassador.name(listener));
    String dir = ConfigPaths.onMachine(ConfigPaths.ambassadorsOf(service));
    ContainerUnit unit =
        followsPod(
                prefix,
                service.name()
                    + " %i reaches "
                    + used.name()
                    + " port "
                    + listener.target().number()
                    + " on "
                    + PodNetwork.ambassadorAddress(model, service)
                    + ":"
                    + listener.localPort()
                    + (used.leaderOnly() ? " (its leader only)" : " (every healthy instance)"))
            .requires(UnitNames.sameInstance(names.network()))
            .container(container, agents)
            .runsAgent()
            .fetch(
                List.of(
                    Agents.configGet(
                            agents,
                            container + "-config",
                            Map.of(ConfigPaths.etcdKey(model, json), ConfigPaths.onMachine(json)))
                        .commandLine()))
            .start(
                Agents.onHost(container)
                    .volume(dir, dir, true)
                    .image(
                        agents,
                        Ambassador.COMMAND
                            .line()
                            .with(Ambassador.ETCD, Agents.ETCD)
                            .with(Ambassador.CONFIG, ExecArgs.literal(ConfigPaths.onMachine(json))))
                    .commandLine());
    return onPodMachine(unit);
  }

  /**
   * {@code volume}: this replica's own Syncthing for one volume, on the (service, volume)'s ports
   * from the model ({@link VolumePorts}), which the template opens between the group's machines.
   */
  private SystemdUnit volume(VolumeSpec volume) {
    String prefix = names.volume(volume);
    String container = UnitNames.container(prefix);
    String dir = AppContainer.syncedDirectory(service, volume);
    String home = AppContainer.syncthingHome(service, volume);
    VolumePorts ports = model.volumePorts(service, volume);
    ContainerUnit unit =
        followsPod(
                prefix,
                "Keeps "
                    + volume.path()
                    + " of "
                    + service.name()
                    + " %i in sync with the other replicas (Syncthing on port "
                    + ports.listen()
                    + ")")
            .container(container, agents)
            .runsAgent()
            // As root, not the image's user: docker creates the bind-mounted directories
            // root-owned, and the
            // synced directory holds files the app's container writes under its own user.
            .start(
                Agents.onHost(container)
                    .option("--user root")
                    .volume(dir, dir, false)
                    .volume(home, home, false)
                    .image(
                        agents,
                        Volume.COMMAND
                            .line()
                            .with(Volume.ETCD, Agents.ETCD)
                            .with(Volume.SERVICE, service.name())
                            .with(Volume.PATH_ID, UnitNames.slug(volume.path()))
                            .with(Volume.INSTANCE, "%i")
                            .with(Volume.DIR, ExecArgs.literal(dir))
                            .with(Volume.HOME, ExecArgs.literal(home))
                            .with(Volume.LISTEN, "tcp://${PRIVATE_IP}:" + ports.listen())
                            .with(Volume.GUI, "127.0.0.1:" + ports.gui()))
                    .commandLine());
    return onPodMachine(unit);
  }

  /** A container unit of this replica that stops with its pod. */
  private ContainerUnit followsPod(String prefix, String description) {
    return ContainerUnit.named(UnitNames.template(prefix), description)
        .bindsTo(UnitNames.sameInstance(names.pod()));
  }

  private SystemdUnit onPodMachine(ContainerUnit unit) {
    return unit.builder()
        .section("X-Fleet")
        .add("MachineOf", UnitNames.sameInstance(names.pod()))
        .build();
  }
}
