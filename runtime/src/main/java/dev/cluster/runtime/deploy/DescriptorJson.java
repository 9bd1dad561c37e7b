package dev.cluster.runtime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.contract.descriptor.PatroniDatabase;
import dev.cluster.contract.descriptor.PortOpening;
import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.StackParameter;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads the cluster's descriptor from the JSON the annotation processor writes beside the generated
 * client ({@code cluster/<name>/descriptor.json}): the client holds one descriptor as data, not
 * code per unit and service, so it stays small and quick to compile whatever the cluster's size.
 * Members are named as the records' components.
 */
public final class DescriptorJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DescriptorJson() {}

  /** The descriptor in resource {@code path} of the class loader that loaded {@code client}. */
  public static ClusterDescriptor load(Class<?> client, String path) {
    try (InputStream in = client.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new DeployException(
            "resource "
                + path
                + " is not on the classpath of "
                + client.getName()
                + "; was the cluster module built with `mvn package`?");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster's descriptor " + path, e);
    }
  }

  public static ClusterDescriptor read(InputStream json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    return new ClusterDescriptor(
        text(root, "name"),
        text(root, "defaultRegion"),
        text(root, "templateResource"),
        list(root, "parameters", DescriptorJson::parameter),
        list(
            root,
            "units",
            u ->
                new UnitFile(
                    text(u, "name"),
                    text(u, "resource"),
                    text(u, "service"),
                    number(u, "instances"))),
        list(
            root,
            "secrets",
            s ->
                new SecretRef(
                    text(s, "name"),
                    text(s, "description"),
                    strings(s, "usedBy"),
                    s.path("generated").asBoolean(false))),
        list(
            root,
            "nodeGroups",
            g ->
                new NodeGroupInfo(
                    text(g, "name"),
                    text(g, "role"),
                    number(g, "minSize"),
                    number(g, "maxSize"),
                    strings(g, "instanceTypes"),
                    text(g, "scalingGroupOutput"))),
        list(root, "services", DescriptorJson::service));
  }

  private static StackParameter parameter(JsonNode p) {
    return new StackParameter(
        text(p, "name"),
        text(p, "description"),
        optionalText(p, "defaultValue"),
        list(
            p,
            "opens",
            o ->
                new PortOpening(
                    text(o, "nodeGroup"),
                    text(o, "protocol"),
                    number(o, "fromPort"),
                    number(o, "toPort"),
                    text(o, "description"))));
  }

  private static ServiceInfo service(JsonNode s) {
    return new ServiceInfo(
        text(s, "name"),
        text(s, "nodeGroup"),
        number(s, "replicas"),
        strings(s, "units"),
        text(s, "image"),
        strings(s, "ports"),
        optionalText(s, "url"),
        text(s, "access"),
        strings(s, "uses"),
        strings(s, "secrets"),
        optional(s, "patroni").map(DescriptorJson::patroni));
  }

  private static PatroniDatabase patroni(JsonNode p) {
    Map<String, String> unitByMember = new TreeMap<>();
    required(p, "unitByMember")
        .fields()
        .forEachRemaining(member -> unitByMember.put(member.getKey(), member.getValue().asText()));
    return new PatroniDatabase(text(p, "namespace"), text(p, "scope"), unitByMember);
  }

  private static Optional<JsonNode> optional(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private static String text(JsonNode node, String member) {
    return required(node, member).asText();
  }

  private static int number(JsonNode node, String member) {
    return required(node, member).asInt();
  }

  private static Optional<String> optionalText(JsonNode node, String member) {
    return optional(node, member).map(JsonNode::asText);
  }

  private static List<String> strings(JsonNode node, String member) {
    return list(node, member, JsonNode::asText);
  }

  private static <T> List<T> list(JsonNode node, String member, Function<JsonNode, T> item) {
    List<T> items = new ArrayList<>();
    for (JsonNode element : required(node, member)) {
      items.add(item.apply(element));
    }
    return items;
  }

  private static JsonNode required(JsonNode node, String member) {
    JsonNode value = node.get(member);
    if (value == null) {
      throw new IllegalArgumentException(
          "the cluster's descriptor lacks member " + member + " in " + node);
    }
    return value;
  }
}
