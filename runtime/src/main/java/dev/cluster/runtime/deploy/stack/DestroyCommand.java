package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code destroy}: deletes the stack once the user typed its name (or gave --yes), and waits until
 * it is gone.
 */
public final class DestroyCommand {
  private DestroyCommand() {}

  public record DestroyReport(String stack, String region, boolean existed, long seconds)
      implements Report {
    @Override
    public String text() {
      return existed
          ? "Deleted stack " + stack + " in " + region + " (" + seconds + "s)\n"
          : "Stack " + stack + " does not exist in " + region + "; nothing to delete\n";
    }
  }

  public static int run(Request request) {
    try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
      StackTarget target = StackTarget.of(request, aws);
      Optional<Stack> stack = target.stacks().find(target.name());
      if (stack.isEmpty()) {
        request.console().result(new DestroyReport(target.name(), target.region(), false, 0));
        return ExitCode.OK;
      }
      if (!request.invocation().has(Option.YES)) {
        confirm(request, target);
      }
      StackEventFeed feed = StackEventFeed.startingNow(target.stacks(), target.name());
      target.stacks().deleteStack(target.name());
      StackOperation.Outcome outcome =
          target
              .operation()
              .follow(feed, "Deleting stack " + target.name(), target.leftRunning("deletion"));
      if (!outcome.finalStatus().equals("DELETE_COMPLETE")) {
        throw new DeployException(
            "deleting stack "
                + target.name()
                + " failed; it is now "
                + outcome.finalStatus()
                + ".\nFirst failure: "
                + outcome.firstFailure()
                + "\n"
                + StackCondition.of(outcome.finalStatus())
                    .recovery(target.name(), target.region()));
      }
      request
          .console()
          .result(
              new DestroyReport(target.name(), target.region(), true, outcome.took().toSeconds()));
      return ExitCode.OK;
    }
  }

  private static void confirm(Request request, StackTarget target) {
    String typed =
        request
            .console()
            .readLine(
                "This deletes stack "
                    + target.name()
                    + " in "
                    + target.region()
                    + " and every resource in it. Type the stack name to confirm: ");
    if (typed == null || !typed.strip().equals(target.name())) {
      throw new DeployException(
          "not confirmed; nothing was deleted (type the stack name, or pass --yes)");
    }
  }
}
