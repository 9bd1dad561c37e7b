package dev.cluster.processor.generate.units;

import dev.cluster.contract.agent.AgentCommands;
import dev.cluster.processor.generate.nodes.NodeBootstrap;
import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.ServiceSpec;

/**
 * Keeps the cluster's domain, and every routed subdomain under it, pointing at the front door's
 * live instances: one unit (fleet moves it when its machine goes) following the front door's
 * presence keys. The hosted zone is a template parameter, so the unit reads its id as {@code
 * HOSTED_ZONE_ID} from {@link NodeBootstrap#STACK_ENV}, which the machines' user data writes with
 * the deployed value.
 */
final class DnsUpdater {
  private DnsUpdater() {}

  private static String prefix(ServiceSpec frontDoor) {
    return frontDoor.name() + "-dns-updater";
  }

  static FleetUnit unit(ClusterModel model, ServiceSpec frontDoor, NodeGroupSpec group) {
    String container = prefix(frontDoor);
    String domain = model.cluster().domain();
    UnitImage agents = UnitImage.agents(model);
    SystemdUnit unit =
        ContainerUnit.named(
                container + ".service",
                "Points "
                    + domain
                    + " and *."
                    + domain
                    + " at the live instances of "
                    + frontDoor.name())
            .environmentFile(NodeBootstrap.STACK_ENV)
            .container(container, agents)
            .start(
                Agents.onHost(container)
                    .image(
                        agents,
                        AgentCommands.DnsUpdater.COMMAND
                            .line()
                            .with(AgentCommands.DnsUpdater.ZONE, "${HOSTED_ZONE_ID}")
                            .with(AgentCommands.DnsUpdater.NAME, ExecArgs.literal(domain))
                            .with(AgentCommands.DnsUpdater.NAME, ExecArgs.literal("*." + domain))
                            .with(AgentCommands.DnsUpdater.SERVICE, frontDoor.name())
                            .with(AgentCommands.DnsUpdater.ETCD, Agents.ETCD))
                    .commandLine())
            .builder()
            .section("X-Fleet")
            .add("MachineMetadata", "group=" + group.name())
            .build();
    return new FleetUnit(unit, frontDoor.origin(), frontDoor.name(), 0);
  }
}
