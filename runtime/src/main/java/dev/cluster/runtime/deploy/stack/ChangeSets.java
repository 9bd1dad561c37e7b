package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsErrors;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.Wait;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * Creates a change set, waits until CloudFormation has computed it, and deletes it when it is not
 * executed.
 */
public final class ChangeSets {
  /** How CloudFormation says a change set has nothing to do (it then fails the change set). */
  private static final List<String> NO_CHANGES =
      List.of("didn't contain changes", "No updates are to be performed");

  private final CloudFormationStacks stacks;
  private final Console console;

  public ChangeSets(CloudFormationStacks stacks, Console console) {
    this.stacks = stacks;
    this.console = console;
  }

  public PreparedChangeSet prepare(
      String stackName,
      StackCondition condition,
      TemplateLocation template,
      List<Parameter> parameters,
      String purpose) {
    ChangeSetType type = condition.changeSetType();
    String name = "dev-" + purpose + "-" + System.currentTimeMillis();
    String id = stacks.createChangeSet(stackName, name, type, template, parameters);
    PreparedChangeSet pending =
        new PreparedChangeSet(stackName, id, name, type, condition == StackCondition.ABSENT);
    String leftRunning =
        "change set "
            + name
            + " stays on stack "
            + stackName
            + "; remove it with: aws cloudformation delete-change-set --stack-name "
            + stackName
            + " --change-set-name "
            + name;
    try (Wait wait =
        console.startWait("Computing change set for stack " + stackName, leftRunning)) {
      return awaitComputed(pending, wait);
    }
  }

  private PreparedChangeSet awaitComputed(PreparedChangeSet pending, Wait wait) {
    try {
      while (true) {
        CloudFormationStacks.ChangeSetState state = stacks.describeChangeSet(pending.id());
        // CloudFormation fails a change set that changes nothing; that is an answer, not a failure
        // to show.
        if (state.status().equals("FAILED")
            && NO_CHANGES.stream().anyMatch(state.statusReason()::contains)) {
          return pending;
        }
        wait.status(state.status());
        if (state.status().equals("CREATE_COMPLETE")) {
          return pending.computed(state);
        }
        if (state.status().equals("FAILED")) {
          discard(pending);
          throw new DeployException(
              "CloudFormation could not compute the change set for stack "
                  + pending.stackName()
                  + ": "
                  + state.statusReason());
        }
        wait.pause();
      }
    } catch (SdkException e) {
      throw AwsErrors.isInterruption(e) ? wait.interrupted() : e;
    }
  }

  /**
   * Deletes the change set, and the empty stack that a CREATE change set made, so that nothing is
   * left behind.
   */
  public void discard(PreparedChangeSet changeSet) {
    stacks.deleteChangeSet(changeSet.id());
    if (changeSet.createdStack()) {
      stacks.deleteStack(changeSet.stackName());
    }
  }
}
