package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;

/**
 * A service of a DATA group as a plain systemd unit, enabled by the group's user data on every machine:
 * the same container as a fleet replica's app ({@link AppContainer}), on the host's network.
 */
public final class DataNodeUnit {
  private DataNodeUnit() {}

  public static SystemdUnit of(ClusterModel model, ServiceSpec service) {
    AppContainer app = new AppContainer(model, service, AppContainer.Placement.DATA_NODE);
    return ContainerUnit.named(service.name() + ".service", service.name() + ", on every machine of its DATA group")
        .withoutNodeEnv()
        .container(app.name(), app.image())
        .fetch(app.fetchSteps())
        .start(app.run().commandLine())
        .builder()
        .section("Install")
        .add("WantedBy", "multi-user.target")
        .build();
  }
}
