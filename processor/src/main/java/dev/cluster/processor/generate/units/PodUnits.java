package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.config.ConfigPaths;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template units of one service's pods (replica {@code %i} is pod {@code %i}): the pod unit, which
 * fleet places on a machine of the service's node group away from the service's other pods, and the
 * units that follow it there with {@code MachineOf}: one ambassador per used service and one unit per
 * synced volume, both started before the app; the app; and the presence heartbeat, bound to the app.
 */
final class PodUnits {
  private final ClusterModel model;
  private final ServiceSpec service;
  private final NodeGroupSpec group;
  private final UnitNames names;

  PodUnits(ClusterModel model, ServiceSpec service, NodeGroupSpec group) {
    this.model = model;
    this.service = service;
    this.group = group;
    this.names = UnitNames.of(service);
  }

  List<SystemdUnit> units() {
    List<SystemdUnit> units = new ArrayList<>();
    units.add(pod());
    model.ambassadorsOf(service).forEach(ambassador -> units.add(ambassador(ambassador)));
    service.volumes().forEach(volume -> units.add(volume(volume)));
    units.add(app());
    if (!service.ports().isEmpty()) {
      units.add(presence());
    }
    return List.copyOf(units);
  }

  /**
   * Holds the machine for its replica and runs nothing itself: stopping it (fleet unscheduling the
   * replica) stops every unit bound to it.
   */
  private SystemdUnit pod() {
    return SystemdUnit.builder(UnitNames.template(names.pod()))
        .section("Unit")
        .add("Description", "Pod %i of " + service.name() + ": holds one machine of " + group.name()
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

  private SystemdUnit app() {
    AppContainer app = new AppContainer(model, service, AppContainer.Placement.FLEET_REPLICA);
    ContainerUnit unit = followsPod(names.app(), service.name() + " replica %i" + (service.isElected()
        ? ", serving while it leads the election" : ""));
    model.ambassadorsOf(service).forEach(a -> unit.requires(UnitNames.sameInstance(names.ambassador(a.used()))));
    service.volumes().forEach(v -> unit.requires(UnitNames.sameInstance(names.volume(v))));
    unit.container(app.name(), service.image()).fetch(app.fetchSteps());
    if (service.isElected()) {
      String elect = app.name() + "-elect";
      unit.container(elect, Images.AGENTS).start(Agents.onHost(elect)
          .volume("/var/run/docker.sock", "/var/run/docker.sock", false)
          .volume("/run/cluster", "/run/cluster", true)
          .image(Images.AGENTS, "elect", "--name", service.name(), "--ttl",
              String.valueOf(service.electedTtlSeconds().orElseThrow()), "--etcd", Agents.ETCD, "--",
              app.runNested().commandLine())
          .commandLine());
    } else {
      unit.start(app.run().commandLine());
    }
    return onPodMachine(unit);
  }

  private SystemdUnit presence() {
    Probe probe = Probe.presence(service);
    String container = UnitNames.container(names.presence());
    List<String> args = new ArrayList<>(List.of("presence", "--service", service.name(), "--instance", "%i",
        "--address", "${PRIVATE_IP}", "--port", String.valueOf(service.ports().get(0).number()),
        "--ttl", String.valueOf(Agents.PRESENCE_TTL_SECONDS), "--etcd", Agents.ETCD));
    probe.httpPath().ifPresent(path ->
        args.addAll(List.of("--health-path", ExecArgs.literal(path), "--health-port", String.valueOf(probe.port()))));
    if (service.isPublic()) {
      args.add("--public");
    }
    ContainerUnit unit = ContainerUnit.named(UnitNames.template(names.presence()),
            "Announces " + service.name() + " %i under /services/" + service.name() + "/instances/ while it is healthy")
        .bindsTo(UnitNames.sameInstance(names.app()))
        .container(container, Images.AGENTS)
        .start(Agents.onHost(container).image(Images.AGENTS, args.toArray(String[]::new)).commandLine());
    return onPodMachine(unit);
  }

  private SystemdUnit ambassador(AmbassadorSpec ambassador) {
    ServiceSpec used = ambassador.used();
    String prefix = names.ambassador(used);
    String container = UnitNames.container(prefix);
    String json = ConfigPaths.ambassadorJson(service, used);
    String haproxy = ConfigPaths.ambassadorHaproxy(service, used);
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put(ConfigPaths.etcdKey(model, json), ConfigPaths.onMachine(json));
    configs.put(ConfigPaths.etcdKey(model, haproxy), ConfigPaths.onMachine(haproxy));
    String dir = ConfigPaths.onMachine(ConfigPaths.ambassadorsOf(service));
    ContainerUnit unit = followsPod(prefix, service.name() + " %i reaches " + used.name() + " on "
            + AppContainer.AMBASSADOR_HOST + ":" + ambassador.primary().localPort()
            + (used.leaderOnly() ? " (its leader only)" : " (every healthy instance)"))
        .container(container, Images.AGENTS)
        .fetch(List.of(Agents.configGet(container + "-config", configs).commandLine()))
        .start(Agents.onHost(container).volume(dir, dir, true)
            .image(Images.AGENTS, "ambassador", "--config", ExecArgs.literal(ConfigPaths.onMachine(json)),
                "--etcd", Agents.ETCD)
            .commandLine());
    return onPodMachine(unit);
  }

  private SystemdUnit volume(VolumeSpec volume) {
    String prefix = names.volume(volume);
    String container = UnitNames.container(prefix);
    String dir = AppContainer.syncedDirectory(service, volume);
    String engine = SyncEngines.engineName(volume.engine());
    ContainerUnit unit = followsPod(prefix, "Keeps " + volume.path() + " of " + service.name()
            + " %i in sync with the other replicas (" + engine + ")")
        .after(SyncEngines.unitName(volume.engine()))
        .container(container, Images.AGENTS)
        .start(Agents.onHost(container).volume(dir, dir, false)
            .image(Images.AGENTS, "sync-volume", "--engine", engine, "--service", service.name(),
                "--volume", UnitNames.slug(volume.path()), "--instance", "%i", "--path", ExecArgs.literal(dir),
                "--etcd", Agents.ETCD)
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
