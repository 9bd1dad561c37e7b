package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.console.DeployException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** What a stack's status allows next, and how to get out of the statuses that allow nothing. */
public enum StackCondition {
  /** No stack: a CREATE change set. */
  ABSENT,
  /** Created by a change set that was never executed: still a CREATE change set. */
  IN_REVIEW,
  /** Created or updated, possibly rolled back to its last good state: an UPDATE change set. */
  READY,
  /** An operation is running. */
  BUSY,
  /** Creation failed; such a stack cannot be updated, only deleted. */
  FAILED_CREATION,
  /** An update failed and its rollback too. */
  FAILED_ROLLBACK,
  /** Deletion failed. */
  FAILED_DELETION;

  private static final Set<String> SUCCESSFUL =
      Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
  private static final Set<String> ROLLED_BACK_UPDATE =
      Set.of("UPDATE_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

  public static StackCondition of(Optional<Stack> stack) {
    return stack.map(s -> of(s.stackStatusAsString())).orElse(ABSENT);
  }

  public static StackCondition of(String status) {
    if (status.equals("REVIEW_IN_PROGRESS")) {
      return IN_REVIEW;
    }
    if (status.endsWith("_IN_PROGRESS")) {
      return BUSY;
    }
    if (SUCCESSFUL.contains(status) || ROLLED_BACK_UPDATE.contains(status)) {
      return READY;
    }
    if (status.equals("UPDATE_ROLLBACK_FAILED")) {
      return FAILED_ROLLBACK;
    }
    if (status.equals("DELETE_FAILED")) {
      return FAILED_DELETION;
    }
    return FAILED_CREATION;
  }

  public static boolean succeeded(String status) {
    return SUCCESSFUL.contains(status);
  }

  public ChangeSetType changeSetType() {
    return switch (this) {
      case ABSENT, IN_REVIEW -> ChangeSetType.CREATE;
      case READY -> ChangeSetType.UPDATE;
      default -> throw new IllegalStateException("no change set for a stack that is " + this);
    };
  }

  /** Throws the message telling the user how to recover when the stack cannot take a change set. */
  public static void requireChangeable(Optional<Stack> stack, String stackName, String region) {
    StackCondition condition = of(stack);
    if (condition == ABSENT || condition == IN_REVIEW || condition == READY) {
      return;
    }
    Stack existing = stack.orElseThrow();
    String reason =
        Optional.ofNullable(existing.stackStatusReason())
            .filter(r -> !r.isBlank())
            .map(r -> " (" + r + ")")
            .orElse("");
    throw new DeployException(
        "stack "
            + stackName
            + " is "
            + existing.stackStatusAsString()
            + reason
            + ": "
            + condition.recovery(stackName, region));
  }

  /** What the user can do about a stack in this condition. */
  public String recovery(String stackName, String region) {
    String destroyThenDeploy =
        "\n  destroy --stack "
            + stackName
            + " --region "
            + region
            + "\n  deploy --stack "
            + stackName
            + " --region "
            + region;
    return switch (this) {
      case ABSENT, IN_REVIEW -> "deploy creates it";
      case READY -> "it is back in its last good state; fix the cause and deploy again";
      case BUSY -> "another operation is running; wait for it (`status`) and try again";
      case FAILED_CREATION ->
          "its creation failed and CloudFormation cannot update it. Delete it and deploy again:"
              + destroyThenDeploy;
      case FAILED_ROLLBACK ->
          "an update failed and so did its rollback. Fix what blocked the rollback (see `status`), then run"
              + "\n  aws cloudformation continue-update-rollback --stack-name "
              + stackName
              + " --region "
              + region
              + "\nand deploy again once the stack is UPDATE_ROLLBACK_COMPLETE";
      case FAILED_DELETION ->
          "its deletion failed. Remove what blocked it (see `status`) and delete it again:"
              + destroyThenDeploy;
    };
  }
}
