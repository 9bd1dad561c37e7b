package dev.cluster.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node group's boot as its launch template hands it to EC2, read from the generated template: the
 * user data with each {@code Ref} at the value the local cluster gives it (CloudFormation's job on
 * AWS), and the group's zones.
 *
 * @param launchTemplate the launch template's logical id
 */
public record LocalUserData(
    String group, String launchTemplate, String userData, List<String> zones) {
  public LocalUserData {
    zones = List.copyOf(zones);
  }

  /**
   * The group's boot: its autoscaling group is the one tagged {@code dev-cluster:group} = {@code
   * group}.
   */
  public static LocalUserData of(JsonNode template, String group, Map<String, String> refs) {
    JsonNode resources = template.path("Resources");
    for (var entry : (Iterable<Map.Entry<String, JsonNode>>) resources::fields) {
      JsonNode resource = entry.getValue();
      if (!resource.path("Type").asText().equals("AWS::AutoScaling::AutoScalingGroup")
          || !taggedWith(resource, group)) {
        continue;
      }
      String launchTemplate =
          resource.path("Properties").findPath("LaunchTemplateId").path("Ref").asText();
      JsonNode userData =
          resources.path(launchTemplate).at("/Properties/LaunchTemplateData/UserData/Fn::Base64");
      if (userData.isMissingNode()) {
        throw new IllegalStateException(
            "launch template " + launchTemplate + " of node group " + group + " has no user data");
      }
      List<String> zones = new ArrayList<>();
      resource
          .path("Properties")
          .path("AvailabilityZones")
          .forEach(zone -> zones.add(zone.asText()));
      return new LocalUserData(group, launchTemplate, resolve(userData, refs), zones);
    }
    throw new IllegalStateException(
        "the template has no autoscaling group for node group " + group);
  }

  private static boolean taggedWith(JsonNode group, String name) {
    for (JsonNode tag : group.path("Properties").path("Tags")) {
      if (tag.path("Key").asText().equals("dev-cluster:group")
          && tag.path("Value").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A string, {@code Ref} or {@code Fn::Join} (what the generated user data is made of) as
   * CloudFormation resolves it.
   */
  private static String resolve(JsonNode value, Map<String, String> refs) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.has("Ref")) {
      String name = value.get("Ref").asText();
      String resolved = refs.get(name);
      if (resolved == null) {
        throw new IllegalStateException(
            "the local cluster has no value for Ref " + name + " in the user data");
      }
      return resolved;
    }
    if (value.has("Fn::Join")) {
      StringBuilder joined = new StringBuilder();
      String separator = value.get("Fn::Join").get(0).asText();
      JsonNode parts = value.get("Fn::Join").get(1);
      for (int i = 0; i < parts.size(); i++) {
        joined.append(i == 0 ? "" : separator).append(resolve(parts.get(i), refs));
      }
      return joined.toString();
    }
    throw new IllegalStateException(
        "the local cluster cannot resolve " + value + " in the user data");
  }
}
