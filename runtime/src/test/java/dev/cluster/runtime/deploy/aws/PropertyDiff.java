package dev.cluster.runtime.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Not AWS: how the in-process CloudFormation endpoint computes a change set's property-level
 * details, as DescribeChangeSet reports them with {@code IncludePropertyValues=true}: each changed
 * leaf of a resource's resolved Properties as a {@code ResourceTargetDefinition} (Path {@code
 * /Properties/Name/0/Key}, BeforeValue, AfterValue, AttributeChangeType Add|Remove|Modify), and the
 * resolved Properties as Before/AfterContext.
 */
final class PropertyDiff {
  static final String KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PropertyDiff() {}

  /** One changed property value of a Modify. */
  record Target(
      String name,
      String path,
      String before,
      String after,
      String changeType,
      boolean rawChanged) {}

  /**
   * The resource's Properties with Refs to parameters replaced by their values, and Ref/GetAtt of
   * resources by the physical ids the stack has ({@code existing}), or {@link #KNOWN_AFTER_APPLY}
   * for those it does not have yet.
   */
  static JsonNode resolve(
      JsonNode properties, Map<String, String> parameters, String stackName, Set<String> existing) {
    if (properties.isObject()) {
      if (properties.size() == 1 && properties.has("Ref")) {
        String ref = properties.get("Ref").asText();
        if (parameters.containsKey(ref)) {
          return TextNode.valueOf(parameters.get(ref));
        }
        return TextNode.valueOf(
            existing.contains(ref) ? physicalId(stackName, ref) : KNOWN_AFTER_APPLY);
      }
      if (properties.size() == 1 && properties.has("Fn::GetAtt")) {
        String resource = properties.get("Fn::GetAtt").path(0).asText();
        String attribute = properties.get("Fn::GetAtt").path(1).asText();
        return TextNode.valueOf(
            existing.contains(resource)
                ? physicalId(stackName, resource) + "." + attribute
                : KNOWN_AFTER_APPLY);
      }
      ObjectNode resolved = JSON.createObjectNode();
      properties
          .fields()
          .forEachRemaining(
              field ->
                  resolved.set(
                      field.getKey(), resolve(field.getValue(), parameters, stackName, existing)));
      return resolved;
    }
    if (properties.isArray()) {
      ArrayNode resolved = JSON.createArrayNode();
      properties.forEach(item -> resolved.add(resolve(item, parameters, stackName, existing)));
      return resolved;
    }
    return properties;
  }

  /** As the endpoint's outputs name resources: {@code STACK-LOGICALID-1A2B3C}. */
  static String physicalId(String stackName, String logicalId) {
    return stackName + "-" + logicalId + "-1A2B3C";
  }

  /**
   * The changed leaves between two resolved Properties objects; {@code rawBefore/rawAfter} tell a
   * template edit.
   */
  static List<Target> targets(
      JsonNode before, JsonNode after, JsonNode rawBefore, JsonNode rawAfter) {
    List<Target> targets = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    before.fieldNames().forEachRemaining(names::add);
    after.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      boolean rawChanged = !rawBefore.path(name).equals(rawAfter.path(name));
      diff(name, "/Properties/" + name, before.get(name), after.get(name), rawChanged, targets);
    }
    return targets;
  }

  private static void diff(
      String name,
      String path,
      JsonNode was,
      JsonNode now,
      boolean rawChanged,
      List<Target> targets) {
    if (was == null || now == null) {
      targets.add(
          new Target(name, path, text(was), text(now), was == null ? "Add" : "Remove", rawChanged));
    } else if (was.isObject() && now.isObject()) {
      Set<String> keys = new TreeSet<>();
      was.fieldNames().forEachRemaining(keys::add);
      now.fieldNames().forEachRemaining(keys::add);
      keys.forEach(
          key -> diff(name, path + "/" + key, was.get(key), now.get(key), rawChanged, targets));
    } else if (was.isArray() && now.isArray()) {
      Iterator<JsonNode> old = was.elements();
      Iterator<JsonNode> current = now.elements();
      for (int i = 0; old.hasNext() || current.hasNext(); i++) {
        diff(
            name,
            path + "/" + i,
            old.hasNext() ? old.next() : null,
            current.hasNext() ? current.next() : null,
            rawChanged,
            targets);
      }
    } else if (!was.equals(now)) {
      targets.add(new Target(name, path, text(was), text(now), "Modify", rawChanged));
    }
  }

  /**
   * A scalar as its text, an object or array as JSON, as CloudFormation gives Before/AfterValue.
   */
  private static String text(JsonNode value) {
    if (value == null) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** A Before/AfterContext: the resource's resolved Properties as an encoded JSON string. */
  static String context(JsonNode properties) {
    ObjectNode context = JSON.createObjectNode();
    context.set("Properties", properties);
    return context.toString();
  }
}
