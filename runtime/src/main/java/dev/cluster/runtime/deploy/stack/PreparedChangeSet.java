package dev.cluster.runtime.deploy.stack;

import java.util.List;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;

/**
 * A change set CloudFormation has computed.
 *
 * @param createdStack whether creating it also created the (REVIEW_IN_PROGRESS) stack, which then has to go when it is discarded
 */
public record PreparedChangeSet(String stackName, String id, String name, ChangeSetType type, boolean createdStack,
                                List<ResourceChangeLine> changes) {
    public PreparedChangeSet {
        changes = List.copyOf(changes);
    }

    PreparedChangeSet withChanges(List<ResourceChangeLine> computed) {
        return new PreparedChangeSet(stackName, id, name, type, createdStack, computed);
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }
}
