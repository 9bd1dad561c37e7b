package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.console.DeployException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/** The CloudFormation calls the deploy engine makes, in its own terms. */
public final class CloudFormationStacks {
  private final CloudFormationClient cloudFormation;

  public CloudFormationStacks(CloudFormationClient cloudFormation) {
    this.cloudFormation = cloudFormation;
  }

  /**
   * The stack, or empty when CloudFormation says it does not exist (a ValidationError, not a 404).
   */
  public Optional<Stack> find(String stackName) {
    try {
      return cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().stream()
          .findFirst();
    } catch (CloudFormationException e) {
      if (isMissingStack(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public void validateTemplate(TemplateLocation template) {
    try {
      cloudFormation.validateTemplate(
          r -> r.templateBody(template.body()).templateURL(template.url()));
    } catch (CloudFormationException e) {
      if (isValidationError(e)) {
        String message = e.awsErrorDetails().errorMessage();
        if (!template.inline()
            && (message.startsWith("S3 error") || message.contains("TemplateURL"))) {
          throw new DeployException(
              "CloudFormation cannot read the template at "
                  + template.url()
                  + ": "
                  + message
                  + "\nIt reads it with the caller's permissions: they need s3:GetObject on the object,"
                  + " and the bucket has to be in the stack's region");
        }
        throw new DeployException("the template is not valid: " + message);
      }
      throw e;
    }
  }

  /**
   * Creates a change set and returns its id; IAM capabilities because the cluster's nodes get
   * instance roles.
   */
  public String createChangeSet(
      String stackName,
      String changeSetName,
      ChangeSetType type,
      TemplateLocation template,
      List<Parameter> parameters) {
    return cloudFormation
        .createChangeSet(
            r ->
                r.stackName(stackName)
                    .changeSetName(changeSetName)
                    .changeSetType(type)
                    .templateBody(template.body())
                    .templateURL(template.url())
                    .parameters(parameters)
                    .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM)
                    .description("created by the dev deploy client"))
        .id();
  }

  /**
   * The change set with all pages of its changes, each with its property values before and after.
   */
  public ChangeSetState describeChangeSet(String changeSetId) {
    List<Change> changes = new ArrayList<>();
    String token = null;
    DescribeChangeSetResponse page;
    do {
      String pageToken = token;
      page =
          cloudFormation.describeChangeSet(
              r -> r.changeSetName(changeSetId).nextToken(pageToken).includePropertyValues(true));
      changes.addAll(page.changes());
      token = page.nextToken();
    } while (token != null);
    return new ChangeSetState(
        page.statusAsString(),
        page.executionStatusAsString(),
        Optional.ofNullable(page.statusReason()).orElse(""),
        page.stackId(),
        changes);
  }

  /**
   * The change set, or empty when CloudFormation no longer has it (deleted, or its stack executed
   * another).
   */
  public Optional<ChangeSetState> findChangeSet(String changeSetId) {
    try {
      return Optional.of(describeChangeSet(changeSetId));
    } catch (CloudFormationException e) {
      if (e.awsErrorDetails() != null
          && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("ChangeSetNotFound")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public void executeChangeSet(String changeSetId) {
    cloudFormation.executeChangeSet(r -> r.changeSetName(changeSetId));
  }

  public void deleteChangeSet(String changeSetId) {
    cloudFormation.deleteChangeSet(r -> r.changeSetName(changeSetId));
  }

  public void deleteStack(String stackName) {
    cloudFormation.deleteStack(r -> r.stackName(stackName));
  }

  /** The id of the stack's most recent event; empty when the stack does not exist or has none. */
  public Optional<String> newestEventId(String stackName) {
    try {
      return cloudFormation.describeStackEvents(r -> r.stackName(stackName)).stackEvents().stream()
          .findFirst()
          .map(StackEvent::eventId);
    } catch (CloudFormationException e) {
      if (isMissingStack(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Events newest first, up to (not including) the first one {@code seen} accepts. */
  public List<StackEvent> eventsNewerThan(String stackName, Predicate<StackEvent> seen) {
    List<StackEvent> events = new ArrayList<>();
    String token = null;
    try {
      do {
        String pageToken = token;
        DescribeStackEventsResponse page =
            cloudFormation.describeStackEvents(r -> r.stackName(stackName).nextToken(pageToken));
        for (StackEvent event : page.stackEvents()) {
          if (seen.test(event)) {
            return events;
          }
          events.add(event);
        }
        token = page.nextToken();
      } while (token != null);
    } catch (CloudFormationException e) {
      if (!isMissingStack(e)) {
        throw e;
      }
    }
    return events;
  }

  private static boolean isValidationError(CloudFormationException e) {
    return e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode());
  }

  private static boolean isMissingStack(CloudFormationException e) {
    return isValidationError(e)
        && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist");
  }

  /** A change set's status and changes. */
  public record ChangeSetState(
      String status,
      String executionStatus,
      String statusReason,
      String stackId,
      List<Change> changes) {
    public ChangeSetState {
      changes = List.copyOf(changes);
    }
  }
}
