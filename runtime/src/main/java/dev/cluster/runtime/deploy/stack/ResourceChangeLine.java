package dev.cluster.runtime.deploy.stack;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;

/**
 * One resource a change set adds, modifies or removes.
 *
 * @param replacement for a modification, whether the resource is replaced: True, False or
 *     Conditional
 * @param properties for a modification, the property values it changes
 */
public record ResourceChangeLine(
    String action,
    String logicalId,
    String resourceType,
    String replacement,
    List<PropertyChange> properties) {
  public ResourceChangeLine {
    properties = List.copyOf(properties);
  }

  static ResourceChangeLine of(Change change) {
    ResourceChange resource = change.resourceChange();
    String replacement =
        "Modify".equals(resource.actionAsString()) ? resource.replacementAsString() : null;
    List<PropertyChange> properties =
        resource.details().stream().map(PropertyChange::of).flatMap(Optional::stream).toList();
    return new ResourceChangeLine(
        resource.actionAsString(),
        resource.logicalResourceId(),
        resource.resourceType(),
        replacement,
        properties);
  }

  /**
   * CloudFormation deletes the resource and creates a new one (a new id, and whatever it held is
   * gone).
   */
  public boolean replaced() {
    return "True".equals(replacement);
  }

  /** Whether it is replaced depends on values CloudFormation knows only while it deploys. */
  public boolean mayBeReplaced() {
    return "Conditional".equals(replacement);
  }
}
