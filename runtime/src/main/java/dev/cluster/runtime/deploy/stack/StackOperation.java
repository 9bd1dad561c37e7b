package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsErrors;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.Wait;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Follows a running stack operation (create, update, delete) until the stack leaves its
 * *_IN_PROGRESS statuses, showing each new stack event as it arrives.
 */
public final class StackOperation {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final CloudFormationStacks stacks;
  private final Console console;

  public StackOperation(CloudFormationStacks stacks, Console console) {
    this.stacks = stacks;
    this.console = console;
  }

  /**
   * The outcome of an operation.
   *
   * @param finalStatus the stack's status at the end; DELETE_COMPLETE once the stack is gone
   * @param events the operation's events, oldest first
   */
  public record Outcome(
      String finalStatus, Optional<Stack> stack, List<StackEvent> events, Duration took) {
    public Outcome {
      events = List.copyOf(events);
    }

    /**
     * The first resource that failed, with CloudFormation's reason; the stack's own reason if no
     * resource did. Once one resource fails, CloudFormation cancels the others in flight ("Resource
     * update cancelled"), and those can come first: they are not the cause.
     */
    public String firstFailure() {
      String stackName = stack.map(Stack::stackName).orElse("");
      return events.stream()
          .filter(e -> e.resourceStatusAsString().endsWith("_FAILED"))
          .filter(
              e ->
                  !e.logicalResourceId().equals(stackName)
                      && !"AWS::CloudFormation::Stack".equals(e.resourceType()))
          .filter(e -> !isCancellation(e))
          .findFirst()
          .map(
              e ->
                  e.logicalResourceId()
                      + " ("
                      + e.resourceType()
                      + ") "
                      + e.resourceStatusAsString()
                      + ": "
                      + Optional.ofNullable(e.resourceStatusReason()).orElse("no reason given"))
          .orElseGet(
              () -> stack.map(Stack::stackStatusReason).orElse("CloudFormation gave no reason"));
    }
  }

  private static boolean isCancellation(StackEvent event) {
    String reason = Optional.ofNullable(event.resourceStatusReason()).orElse("");
    return reason.matches("Resource (creation|update|deletion) cancelled.*");
  }

  /**
   * Follows the stack the feed follows (by its ARN, so a deleted stack is followed to
   * DELETE_COMPLETE).
   */
  public Outcome follow(StackEventFeed feed, String label, String leftRunning) {
    List<StackEvent> events = new ArrayList<>();
    try (Wait wait = console.startWait(label, leftRunning)) {
      return poll(feed, events, wait);
    }
  }

  private Outcome poll(StackEventFeed feed, List<StackEvent> events, Wait wait) {
    try {
      while (true) {
        for (StackEvent event : feed.poll()) {
          wait.event(format(event));
          events.add(event);
        }
        Optional<Stack> stack = stacks.find(feed.stackId());
        String status = stack.map(Stack::stackStatusAsString).orElse("DELETE_COMPLETE");
        wait.status(status);
        if (!status.endsWith("_IN_PROGRESS")) {
          for (StackEvent event : feed.poll()) {
            wait.event(format(event));
            events.add(event);
          }
          return new Outcome(status, stack, events, wait.elapsed());
        }
        wait.pause();
      }
    } catch (SdkException e) {
      throw AwsErrors.isInterruption(e) ? wait.interrupted() : e;
    }
  }

  static String format(StackEvent event) {
    String reason = event.resourceStatusReason() == null ? "" : "  " + event.resourceStatusReason();
    return TIME.format(event.timestamp())
        + "  "
        + String.format("%-20s", event.resourceStatusAsString())
        + "  "
        + event.logicalResourceId()
        + " ("
        + event.resourceType()
        + ")"
        + reason;
  }
}
