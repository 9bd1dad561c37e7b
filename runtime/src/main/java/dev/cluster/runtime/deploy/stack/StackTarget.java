package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.console.Console;

/** The stack a command works on, with the clients to reach it. */
public record StackTarget(
    String name, String region, CloudFormationStacks stacks, Console console) {
  public static StackTarget of(Request request, AwsClients aws) {
    return new StackTarget(
        request.stackName(),
        aws.settings().region().id(),
        new CloudFormationStacks(aws.cloudFormation()),
        request.console());
  }

  public ChangeSets changeSets() {
    return new ChangeSets(stacks, console);
  }

  public StackOperation operation() {
    return new StackOperation(stacks, console);
  }

  /** What a user who stops a wait should know: CloudFormation goes on without this client. */
  public String leftRunning(String operation) {
    return "the "
        + operation
        + " of stack "
        + name
        + " goes on in AWS; follow it with `status --stack "
        + name
        + " --region "
        + region
        + "`";
  }
}
