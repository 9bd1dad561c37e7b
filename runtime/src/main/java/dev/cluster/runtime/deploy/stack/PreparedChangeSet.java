package dev.cluster.runtime.deploy.stack;

import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;

/**
 * A change set CloudFormation has computed.
 *
 * @param createdStack whether creating it also created the (REVIEW_IN_PROGRESS) stack, which then
 *     has to go when it is discarded
 * @param stackId the stack's ARN, which a stack deleted and created again under the same name does
 *     not keep
 * @param security the changes among them that open or close ports, or change IAM or access policies
 */
public record PreparedChangeSet(
    String stackName,
    String id,
    String name,
    ChangeSetType type,
    boolean createdStack,
    String stackId,
    List<ResourceChangeLine> changes,
    List<SecurityChange> security) {
  public PreparedChangeSet {
    changes = List.copyOf(changes);
    security = List.copyOf(security);
  }

  /** A change set not computed yet, or computed to change nothing. */
  PreparedChangeSet(
      String stackName, String id, String name, ChangeSetType type, boolean createdStack) {
    this(stackName, id, name, type, createdStack, "", List.of(), List.of());
  }

  PreparedChangeSet computed(CloudFormationStacks.ChangeSetState state) {
    return new PreparedChangeSet(
        stackName,
        id,
        name,
        type,
        createdStack,
        state.stackId(),
        state.changes().stream().map(ResourceChangeLine::of).toList(),
        SecurityChange.of(state.changes()));
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }
}
