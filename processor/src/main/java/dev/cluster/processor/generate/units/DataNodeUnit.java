package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A service of a DATA group as plain systemd units, enabled by the group's user data on every machine: the
 * same container as a fleet replica's app ({@link AppContainer}), on the host's network, and its presence
 * under {@code /services/<service>/instances/<machine id>} (through the machine's local etcd proxy), so its
 * users' ambassadors find every machine it runs on, as they find a fleet service's replicas.
 */
public final class DataNodeUnit {
  private DataNodeUnit() {}

  public static List<SystemdUnit> of(ClusterModel model, ServiceSpec service) {
    AppContainer app = new AppContainer(model, service, AppContainer.Placement.DATA_NODE);
    String unitName = service.name() + ".service";
    List<SystemdUnit> units = new ArrayList<>();
    units.add(ContainerUnit.named(unitName, service.name() + ", on every machine of its DATA group")
        .withoutNodeEnv()
        .container(app.name(), app.image())
        .fetch(app.fetchSteps())
        .start(app.run().commandLine())
        .builder()
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build());
    if (!service.ports().isEmpty()) {
      String container = service.name() + "-presence";
      UnitImage agents = UnitImage.agents(model);
      units.add(ContainerUnit.named(container + ".service", "Announces " + service.name() + " on this machine under /services/"
              + service.name() + "/instances/ while it runs")
          .bindsTo(unitName)
          .requires("etcd-proxy.service")
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
