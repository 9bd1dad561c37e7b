package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.validate.Problem;
import dev.cluster.processor.validate.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One sync engine per machine serves every synced volume on it, because the node groups open a single
 * sync port ({@value #PORT}) between their machines: a global fleet unit per engine in use, on the
 * machines of the groups whose services sync volumes with it. A replica's volume unit adds its folder.
 */
final class SyncEngines {
  static final int PORT = 22000;
  private static final String HOME = "/var/lib/cluster/sync/";

  private SyncEngines() {}

  /** The engine as the agents name it: {@code syncthing}, {@code btsync}. */
  static String engineName(VolumeSpec.SyncEngine engine) {
    return engine.name().toLowerCase(Locale.ROOT);
  }

  private static String prefix(VolumeSpec.SyncEngine engine) {
    return "sync-" + engineName(engine);
  }

  static String unitName(VolumeSpec.SyncEngine engine) {
    return prefix(engine) + ".service";
  }

  /**
   * Both engines on one node group would both need the group's one sync port on a machine they share:
   * an error on the first volume that brings in the second engine.
   */
  static List<Problem> problems(ClusterModel model) {
    Map<String, VolumeSpec.SyncEngine> engineOfGroup = new TreeMap<>();
    Map<String, String> firstUser = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    for (ServiceSpec service : model.services()) {
      if (!model.runsOnFleet(service)) {
        continue;
      }
      String group = model.nodeGroup(service.runsOn()).orElseThrow().name();
      for (VolumeSpec volume : service.volumes()) {
        VolumeSpec.SyncEngine engine = engineOfGroup.putIfAbsent(group, volume.engine());
        firstUser.putIfAbsent(group, service.name());
        if (engine != null && engine != volume.engine()) {
          problems.add(new Problem(Severity.ERROR, "[sync-engines] " + service.name() + " syncs " + volume.path()
              + " with " + engineName(volume.engine()) + " but " + firstUser.get(group) + " on node group " + group
              + " already uses " + engineName(engine) + ", and a machine has one sync port (" + PORT
              + "): use one engine per node group", volume.origin(), "engine"));
        }
      }
    }
    return problems;
  }

  static List<FleetUnit> units(ClusterModel model) {
    Map<VolumeSpec.SyncEngine, TreeSet<String>> groups = new TreeMap<>();
    Map<VolumeSpec.SyncEngine, VolumeSpec> firstUse = new TreeMap<>();
    for (ServiceSpec service : model.services()) {
      if (!model.runsOnFleet(service)) {
        continue;
      }
      String group = model.nodeGroup(service.runsOn()).orElseThrow().name();
      for (VolumeSpec volume : service.volumes()) {
        groups.computeIfAbsent(volume.engine(), e -> new TreeSet<>()).add(group);
        firstUse.putIfAbsent(volume.engine(), volume);
      }
    }
    List<FleetUnit> units = new ArrayList<>();
    groups.forEach((engine, groupNames) ->
        units.add(new FleetUnit(unit(engine, groupNames), firstUse.get(engine).origin(), prefix(engine), 0)));
    return units;
  }

  private static SystemdUnit unit(VolumeSpec.SyncEngine engine, TreeSet<String> groupNames) {
    String container = prefix(engine);
    String engineName = engineName(engine);
    SystemdUnit.Builder unit = ContainerUnit.named(unitName(engine), "The " + engineName
            + " engine of every synced volume on this machine")
        .container(container, Images.AGENTS)
        .start(Agents.onHost(container)
            .volume(AppContainer.VOLUMES_DIR, AppContainer.VOLUMES_DIR, false)
            .volume(HOME + engineName, HOME + engineName, false)
            .image(Images.AGENTS, "sync-engine", "--engine", engineName, "--listen", String.valueOf(PORT),
                "--home", HOME + engineName, "--etcd", Agents.ETCD)
            .commandLine())
        .builder()
        .section("X-Fleet")
        .add("Global", "true");
    groupNames.forEach(group -> unit.add("MachineMetadata", "group=" + group));
    return unit.build();
  }
}
