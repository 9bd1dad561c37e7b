package dev.cluster.runtime.deploy.stack;

import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;

/**
 * One resource a change set adds, modifies or removes.
 *
 * @param replacement for a modification, whether the resource is replaced: True, False or Conditional
 */
public record ResourceChangeLine(String action, String logicalId, String resourceType, String replacement) {
    static ResourceChangeLine of(Change change) {
        ResourceChange resource = change.resourceChange();
        String replacement = "Modify".equals(resource.actionAsString()) ? resource.replacementAsString() : null;
        return new ResourceChangeLine(resource.actionAsString(), resource.logicalResourceId(), resource.resourceType(), replacement);
    }
}
