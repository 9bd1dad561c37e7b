package dev.cluster.processor.generate.units;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.processor.generate.services.DataOwners;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A service of a DATA group as plain systemd units, enabled by the group's boot configuration on
 * every machine: the same container as a fleet replica's app ({@link AppContainer}), on the host's
 * network, and its presence under {@code /services/<service>/instances/<machine id>} (through the
 * machine's local etcd proxy), so its users' ambassadors find every machine it runs on, as they
 * find a fleet service's replicas. The service starts after the boot's {@code cluster-peers} (which
 * writes the group's peers and the machine's address) and the local etcd proxy, from which it
 * fetches its configuration like any fleet unit; a data engine's data directory is handed to the
 * user its image runs as ({@link DataOwners}).
 */
public final class DataNodeUnit {
  public static final String CLUSTER_PEERS = "cluster-peers.service";
  public static final String ETCD_PROXY = "etcd-proxy.service";

  private DataNodeUnit() {}

  public static List<SystemdUnit> of(ClusterModel model, ServiceSpec service) {
    AppContainer app = new AppContainer(model, service, AppContainer.Placement.DATA_NODE);
    String unitName = service.name() + ".service";
    ContainerUnit unit =
        ContainerUnit.named(unitName, service.name() + ", on every machine of its DATA group")
            .requires(CLUSTER_PEERS)
            .requires(ETCD_PROXY)
            .container(app.name(), app.image());
    DataOwners.of(service)
        .ifPresent(
            uid ->
                unit.fetch(
                    List.of(
                        "/usr/bin/mkdir -p " + app.dataDirectory(),
                        "/usr/bin/chown " + uid + " " + app.dataDirectory())));
    unit.fetch(app.fetchSteps()).start(app.run().commandLine());
    app.afterStart()
        .ifPresent(
            run -> unit.container(app.afterStartName(), app.image()).afterStart(run.commandLine()));
    List<SystemdUnit> units = new ArrayList<>();
    units.add(unit.builder().section("Install").add("WantedBy", "multi-user.target").build());
    if (!service.ports().isEmpty()) {
      String container = service.name() + "-presence";
      UnitImage agents = UnitImage.agents(model);
      units.add(
          ContainerUnit.named(
                  container + ".service",
                  "Announces "
                      + service.name()
                      + " on this machine under "
                      + EtcdKeys.instances(service.name())
                      + " while it runs")
              .bindsTo(unitName)
              .requires(ETCD_PROXY)
              .container(container, agents)
              .runsAgent()
              .start(Agents.presence(agents, container, service, "%m").commandLine())
              .builder()
              .section("Install")
              .add("WantedBy", "multi-user.target")
              .build());
    }
    return List.copyOf(units);
  }
}
