package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
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
    groups.forEach((engine, groupNames) -> units.add(new FleetUnit(unit(engine, groupNames), firstUse.get(engine).origin())));
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
