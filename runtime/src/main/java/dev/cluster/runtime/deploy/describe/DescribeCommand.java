package dev.cluster.runtime.deploy.describe;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code describe}: the cluster as declared, without AWS or network. */
public final class DescribeCommand {
  private DescribeCommand() {}

  public record Parameter(String name, String description, boolean required, String defaultValue) {}

  /**
   * @param reachedAt the service's address through the front door and who may use it, empty when it
   *     has none
   */
  public record Service(
      String name,
      String nodeGroup,
      int replicas,
      List<String> units,
      String image,
      List<String> ports,
      String reachedAt,
      List<String> uses) {}

  public record Secret(String name, String description, List<String> usedBy) {}

  /** A port that a stack parameter's address range reaches, e.g. AdminCidr: tcp 22 on main. */
  public record Opening(String parameter, String ports, String why) {}

  public record NodeGroup(
      String name,
      String role,
      String machines,
      List<String> instanceTypes,
      List<String> services) {}

  public record Description(
      String cluster,
      String defaultRegion,
      String stack,
      List<NodeGroup> nodeGroups,
      List<Service> services,
      List<String> machineUnits,
      List<Parameter> parameters,
      List<Opening> openings,
      List<Secret> secrets)
      implements Report {
    @Override
    public String text() {
      StringBuilder text = new StringBuilder();
      text.append("Cluster ")
          .append(cluster)
          .append(" (stack ")
          .append(stack)
          .append(", default region ")
          .append(defaultRegion)
          .append(")\n");

      text.append("\nNode groups\n");
      Table groups = new Table("NODE GROUP", "ROLE", "MACHINES", "INSTANCE TYPES", "SERVICES");
      nodeGroups.forEach(
          g ->
              groups.row(
                  g.name(),
                  g.role(),
                  g.machines(),
                  String.join(", ", g.instanceTypes()),
                  String.join(", ", g.services())));
      text.append(nodeGroups.isEmpty() ? "  (none)\n" : groups.render());

      text.append("\nServices\n");
      Table table = new Table("SERVICE", "NODE GROUP", "REPLICAS", "UNITS");
      Set<String> dataGroups =
          nodeGroups.stream()
              .filter(g -> g.role().equals("DATA"))
              .map(NodeGroup::name)
              .collect(Collectors.toSet());
      services.forEach(
          s ->
              table.row(
                  s.name(),
                  s.nodeGroup(),
                  String.valueOf(s.replicas()),
                  s.units().isEmpty() && dataGroups.contains(s.nodeGroup())
                      // not fleet's: the group's user data starts them on each of its machines
                      ? "systemd units on every machine (nodes/" + s.nodeGroup() + "/)"
                      : String.join(", ", s.units())));
      text.append(services.isEmpty() ? "  (none)\n" : table.render());
      if (services.stream().anyMatch(s -> !s.image().isEmpty())) {
        text.append("\nWhat each service is\n");
        Table what = new Table("SERVICE", "IMAGE", "PORTS", "URL (WHO MAY USE IT)", "USES");
        services.forEach(
            s ->
                what.row(
                    s.name(),
                    s.image(),
                    String.join(", ", s.ports()),
                    s.reachedAt().isEmpty() ? "-" : s.reachedAt(),
                    s.uses().isEmpty() ? "-" : String.join(", ", s.uses())));
        text.append(what.render());
      }
      if (!machineUnits.isEmpty()) {
        text.append("\nOn every machine of their node groups: ")
            .append(String.join(", ", machineUnits))
            .append('\n');
      }

      text.append("\nStack parameters (* required: pass --param NAME=VALUE to plan and deploy)\n");
      Table params = new Table("", "NAME", "DEFAULT", "DESCRIPTION");
      parameters.forEach(
          p ->
              params.row(
                  p.required() ? "*" : "",
                  p.name(),
                  p.required() ? "-" : p.defaultValue(),
                  p.description()));
      text.append(parameters.isEmpty() ? "  (none)\n" : params.render());
      if (!openings.isEmpty()) {
        text.append(
            "\nPorts open to address-range parameters (plan and deploy refuse 0.0.0.0/0 or ::/0 without"
                + " --allow-world PARAM)\n");
        Table ports = new Table("PARAMETER", "OPENS", "WHY");
        openings.forEach(o -> ports.row(o.parameter(), o.ports(), o.why()));
        text.append(ports.render());
      }

      text.append("\nSecrets (AWS Secrets Manager; store with: secrets set NAME)\n");
      Table secretTable = new Table("SECRET", "USED BY", "DESCRIPTION");
      secrets.forEach(
          s -> secretTable.row(s.name(), String.join(", ", s.usedBy()), s.description()));
      text.append(secrets.isEmpty() ? "  (none)\n" : secretTable.render());
      return text.toString();
    }
  }

  public static Description describe(ClusterDescriptor cluster, String stackName) {
    Map<String, UnitFile> units =
        cluster.units().stream().collect(Collectors.toMap(UnitFile::name, u -> u, (a, b) -> a));
    List<Service> services =
        cluster.services().stream()
            .map(
                s ->
                    new Service(
                        s.name(),
                        s.nodeGroup(),
                        s.replicas(),
                        unitLabels(s, units),
                        s.image(),
                        s.ports(),
                        reachedAt(s),
                        s.uses()))
            .toList();
    List<NodeGroup> groups =
        cluster.nodeGroups().stream()
            .map(
                g ->
                    new NodeGroup(
                        g.name(),
                        g.role(),
                        g.machines(),
                        g.instanceTypes(),
                        cluster.services().stream()
                            .filter(s -> s.nodeGroup().equals(g.name()))
                            .map(ServiceInfo::name)
                            .toList()))
            .toList();
    Set<String> serviceNames =
        cluster.services().stream().map(ServiceInfo::name).collect(Collectors.toSet());
    List<String> machineUnits =
        cluster.units().stream()
            .filter(u -> !serviceNames.contains(u.service()))
            .map(UnitFile::name)
            .toList();
    List<Parameter> parameters =
        cluster.parameters().stream().map(DescribeCommand::parameter).toList();
    List<Opening> openings =
        cluster.parameters().stream()
            .flatMap(
                p -> p.opens().stream().map(o -> new Opening(p.name(), o.label(), o.description())))
            .toList();
    List<Secret> secrets = cluster.secrets().stream().map(DescribeCommand::secret).toList();
    return new Description(
        cluster.name(),
        cluster.defaultRegion(),
        stackName,
        groups,
        services,
        machineUnits,
        parameters,
        openings,
        secrets);
  }

  private static String reachedAt(ServiceInfo service) {
    return service.url().map(url -> url + " (" + service.access() + ")").orElse("");
  }

  private static List<String> unitLabels(ServiceInfo service, Map<String, UnitFile> units) {
    return service.units().stream()
        .map(
            name -> {
              UnitFile unit = units.get(name);
              return unit != null && unit.template() ? name + " x" + unit.instances() : name;
            })
        .toList();
  }

  private static Parameter parameter(StackParameter p) {
    return new Parameter(p.name(), p.description(), p.required(), p.defaultValue().orElse(null));
  }

  private static Secret secret(SecretRef s) {
    return new Secret(s.name(), s.description(), s.usedBy());
  }
}
