package dev.cluster.processor.generate.diagram;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.generate.config.frontdoor.FrontDoorConfig;
import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A picture of the cluster in Graphviz's DOT language, to look at instead of reading the units:
 * node groups as boxes holding their services (with replicas and image), an arrow per use labelled
 * with the used ports and the ambassador's local port, the front door's routes with the groups
 * allowed in, and the ports open to the internet or to a deploy-time CIDR. {@code dot -Tsvg
 * diagram.dot > diagram.svg} draws it.
 */
public final class DiagramGenerator implements Generator {
  private static final String INTERNET = "internet";

  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    return List.of(GeneratedFile.text(OutputPaths.diagram(model), dot(model)));
  }

  static String dot(ClusterModel model) {
    StringBuilder out = new StringBuilder();
    out.append("digraph ").append(quoted(model.cluster().name())).append(" {\n");
    out.append("  graph [rankdir=LR, fontname=\"Helvetica\", label=")
        .append(quoted("cluster " + model.cluster().name() + " (" + model.cluster().domain() + ")"))
        .append(", labelloc=t];\n");
    out.append(
        "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\"];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    out.append("  ").append(quoted(INTERNET)).append(" [shape=ellipse, fillcolor=lightgrey];\n");
    for (NodeGroupSpec group : model.nodeGroups()) {
      appendGroup(out, model, group);
    }
    for (ServiceSpec service : model.services()) {
      appendUses(out, model, service);
      appendOpenPorts(out, service);
    }
    appendRoutes(out, model);
    out.append("}\n");
    return out.toString();
  }

  private static void appendGroup(StringBuilder out, ClusterModel model, NodeGroupSpec group) {
    out.append("  subgraph ").append(quoted("cluster_" + group.name())).append(" {\n");
    String sizes =
        group.minSize() == group.maxSize()
            ? group.minSize() + " machines"
            : group.minSize() + "-" + group.maxSize() + " machines";
    out.append("    label=")
        .append(
            quoted(
                group.role()
                    + " "
                    + group.name()
                    + ", "
                    + sizes
                    + ", "
                    + String.join("/", group.instanceTypes())))
        .append(";\n");
    out.append("    style=filled; fillcolor=\"#eef3fb\";\n");
    for (ServiceSpec service : model.servicesOn(group)) {
      String instances = model.runsOnFleet(service) ? "x" + service.replicas() : "on every machine";
      String flags =
          (service.isElected() ? ", elected" : "") + (service.frontDoor() ? ", front door" : "");
      out.append("    ")
          .append(id(service))
          .append(" [label=")
          .append(
              quoted(
                  service.name()
                      + " ("
                      + instances
                      + flags
                      + ")\n"
                      + service.image()
                      + ports(service.ports())))
          .append("];\n");
    }
    out.append("  }\n");
  }

  private static void appendUses(StringBuilder out, ClusterModel model, ServiceSpec user) {
    if (!model.runsOnFleet(user)) {
      for (ServiceSpec used : model.used(user)) {
        out.append("  ").append(id(user)).append(" -> ").append(id(used)).append(";\n");
      }
      return;
    }
    for (AmbassadorSpec ambassador : model.ambassadorsOf(user)) {
      String label =
          ambassador.listeners().stream()
              .map(l -> l.target().number() + " via ambassador :" + l.localPort())
              .collect(Collectors.joining("\n"));
      out.append("  ")
          .append(id(user))
          .append(" -> ")
          .append(id(ambassador.used()))
          .append(" [label=")
          .append(quoted(label))
          .append("];\n");
    }
  }

  private static void appendOpenPorts(StringBuilder out, ServiceSpec service) {
    for (PortSpec port : service.ports()) {
      String from =
          !port.openToParameter().isEmpty()
              ? port.openToParameter()
              : service.isPublic() ? INTERNET : "";
      if (from.isEmpty()) {
        continue;
      }
      if (!from.equals(INTERNET)) {
        out.append("  ").append(quoted(from)).append(" [shape=ellipse, fillcolor=lightyellow];\n");
      }
      out.append("  ")
          .append(quoted(from))
          .append(" -> ")
          .append(id(service))
          .append(" [label=")
          .append(quoted(port.number() + "/" + port.protocol()))
          .append(", color=red];\n");
    }
  }

  private static void appendRoutes(StringBuilder out, ClusterModel model) {
    for (ServiceSpec door : model.frontDoors()) {
      for (ServiceSpec service : model.services()) {
        if (service.route().isEmpty()) {
          continue;
        }
        RouteSpec route = service.route().get();
        out.append("  ")
            .append(id(door))
            .append(" -> ")
            .append(id(service))
            .append(" [label=")
            .append(
                quoted(
                    route.subdomain()
                        + "."
                        + model.cluster().domain()
                        + "\n"
                        + FrontDoorConfig.access(model, service)))
            .append(", style=dashed, color=blue];\n");
      }
    }
  }

  private static String ports(List<PortSpec> ports) {
    if (ports.isEmpty()) {
      return "";
    }
    return "\nports "
        + ports.stream()
            .map(p -> p.number() + (p.protocol().equals("tcp") ? "" : "/" + p.protocol()))
            .collect(Collectors.joining(", "));
  }

  private static String id(ServiceSpec service) {
    return quoted("service:" + service.name());
  }

  /** A DOT string: quotes and backslashes escaped, line breaks as DOT's centred {@code \n}. */
  static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
