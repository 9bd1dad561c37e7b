package dev.cluster.runtime.deploy.stack;

import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;

/**
 * One property value a change set changes on a resource it modifies, from DescribeChangeSet's
 * {@code Details[].Target} with property values.
 *
 * @param path where in the resource, without {@code /Properties/}: {@code
 *     SecurityGroupIngress/0/CidrIp}
 * @param before the value before, empty when the change adds it
 * @param after the value after, empty when the change removes it
 * @param change Add, Remove or Modify
 * @param requiresRecreation Never, Conditionally or Always: whether changing it replaces the
 *     resource
 * @param cause the parameter whose new value changes it, or empty for an edit of the template
 */
public record PropertyChange(
    String path,
    String before,
    String after,
    String change,
    String requiresRecreation,
    String cause) {
  private static final String PROPERTIES = "/Properties/";

  /**
   * Empty for a detail that names no value (CloudFormation leaves them out without
   * IncludePropertyValues).
   */
  static Optional<PropertyChange> of(ResourceChangeDetail detail) {
    ResourceTargetDefinition target = detail.target();
    if (target == null || target.path() == null) {
      return Optional.empty();
    }
    String path =
        target.path().startsWith(PROPERTIES)
            ? target.path().substring(PROPERTIES.length())
            : target.path();
    String cause =
        "ParameterReference".equals(detail.changeSourceAsString()) && detail.causingEntity() != null
            ? detail.causingEntity()
            : "";
    return Optional.of(
        new PropertyChange(
            path,
            Optional.ofNullable(target.beforeValue()).orElse(""),
            Optional.ofNullable(target.afterValue()).orElse(""),
            Optional.ofNullable(target.attributeChangeTypeAsString()).orElse(""),
            Optional.ofNullable(target.requiresRecreationAsString()).orElse(""),
            cause));
  }

  public boolean recreates() {
    return "Always".equals(requiresRecreation);
  }

  /** {@code CidrBlock: 10.0.0.0/16 -> 10.1.0.0/16}, with what the change means beside it. */
  String text() {
    String values =
        switch (change) {
          case "Add" -> "(none) -> " + after;
          case "Remove" -> before + " -> (none)";
          default -> before + " -> " + after;
        };
    String note =
        recreates()
            ? "  (requires replacement)"
            : "Conditionally".equals(requiresRecreation) ? "  (may require replacement)" : "";
    String why = cause.isEmpty() ? "" : "  (parameter " + cause + ")";
    return path + ": " + values + note + why;
  }
}
