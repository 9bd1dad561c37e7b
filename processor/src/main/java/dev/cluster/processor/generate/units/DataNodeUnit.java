package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.services.DataOwners;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;

/**
 * A service of a DATA group as a plain systemd unit, enabled by the group's user data on every machine:
 * the same container as a fleet replica's app ({@link AppContainer}), on the host's network. It starts after
 * the boot's {@code cluster-peers} (which writes the group's peers and the machine's address) and the local
 * etcd proxy, from which it fetches its configuration like any fleet unit; a data engine's data directory
 * is handed to the user its image runs as ({@link DataOwners}).
 */
public final class DataNodeUnit {
  public static final String CLUSTER_PEERS = "cluster-peers.service";
  public static final String ETCD_PROXY = "etcd-proxy.service";

  private DataNodeUnit() {}

  public static SystemdUnit of(ClusterModel model, ServiceSpec service) {
    AppContainer app = new AppContainer(model, service, AppContainer.Placement.DATA_NODE);
    ContainerUnit unit = ContainerUnit.named(service.name() + ".service",
            service.name() + ", on every machine of its DATA group")
        .requires(CLUSTER_PEERS)
        .requires(ETCD_PROXY)
        .container(app.name(), service.image());
    DataOwners.of(service).ifPresent(uid -> unit.fetch(List.of("/usr/bin/mkdir -p " + app.dataDirectory(),
        "/usr/bin/chown " + uid + " " + app.dataDirectory())));
    unit.fetch(app.fetchSteps())
        .start(app.run().commandLine());
    app.afterStart().ifPresent(run -> unit.container(app.afterStartName(), service.image())
        .afterStart(run.commandLine()));
    return unit.builder()
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }
}
