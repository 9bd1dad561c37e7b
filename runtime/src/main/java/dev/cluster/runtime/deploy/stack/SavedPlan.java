package dev.cluster.runtime.deploy.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * What {@code plan --out FILE} saves and {@code deploy --plan FILE} executes: the change set it
 * kept, and what the stack and the jar were when it was computed, so that a plan of a stack that
 * moved since is refused, not applied.
 *
 * @param stackId the stack's ARN (a stack deleted and created again has another)
 * @param stackState the stack's status and last update (its creation when never updated) at the
 *     time of the plan
 * @param templateSha256 the jar's template, which the boot configs deploy uploads belong to
 * @param templateBucket where the plan put the template and where deploy puts the boot configs;
 *     empty for none
 */
public record SavedPlan(
    int format,
    String cluster,
    String stackName,
    String region,
    String stackId,
    String stackState,
    String changeSetId,
    String changeSetName,
    String changeSetType,
    String templateSha256,
    String templateBucket) {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The stack's fingerprint: any operation on it changes its last-updated time or its status. */
  static String stateOf(Stack stack) {
    return stack.stackStatusAsString()
        + " since "
        + Optional.ofNullable(stack.lastUpdatedTime()).orElse(stack.creationTime());
  }

  Optional<String> bucket() {
    return Optional.ofNullable(templateBucket).filter(b -> !b.isEmpty());
  }

  /**
   * The plan was made from this jar: the boot configs deploy uploads belong to the template the
   * change set has.
   */
  void requireSameJar(Request request, TemplateBody template) {
    if (!cluster.equals(request.cluster().name()) || !templateSha256.equals(template.sha256())) {
      throw new DeployException(
          "the plan was made by another build of the client (cluster "
              + cluster
              + ", template sha256 "
              + templateSha256
              + "; this one: cluster "
              + request.cluster().name()
              + ", template sha256 "
              + template.sha256()
              + "); nothing was changed. Plan again with this jar.");
    }
  }

  /** The stack, region and bucket of the command line are the plan's, when it names them at all. */
  void requireSameTarget(Request request, String chosenRegion) {
    if (!stackName.equals(request.stackName()) || !region.equals(chosenRegion)) {
      throw new UsageException(
          "the plan is for stack "
              + stackName
              + " in "
              + region
              + ", not "
              + request.stackName()
              + " in "
              + chosenRegion
              + ": pass --stack "
              + stackName
              + " --region "
              + region);
    }
    Optional<String> given = request.invocation().value(Option.TEMPLATE_BUCKET);
    if (given.isPresent() && !given.equals(bucket())) {
      throw new UsageException(
          "the plan put the template in "
              + bucket().map(b -> "bucket " + b).orElse("no bucket")
              + ", not "
              + given.get()
              + ": drop --template-bucket, deploy --plan uses the plan's");
    }
  }

  /** Refuses a stack that is not the one planned, or that any operation touched since. */
  void requireUnmoved(Optional<Stack> stack, StackTarget target) {
    if (stack.isEmpty() || !stack.get().stackId().equals(stackId)) {
      throw new DeployException(
          "stack "
              + target.name()
              + " is not the stack planned ("
              + stackId
              + ")"
              + stack
                  .map(s -> ": it was deleted and created again as " + s.stackId())
                  .orElse(": it no longer exists")
              + "; nothing was changed. Plan again.");
    }
    String now = stateOf(stack.get());
    if (!now.equals(stackState)) {
      throw new DeployException(
          "stack "
              + target.name()
              + " changed since the plan (then "
              + stackState
              + ", now "
              + now
              + "); nothing was changed. Plan again.");
    }
  }

  void write(Path file) {
    try {
      Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    } catch (IOException e) {
      throw new DeployException("cannot save the plan to " + file + ": " + e.getMessage());
    }
  }

  static SavedPlan read(Path file) {
    SavedPlan plan;
    try {
      plan = JSON.readValue(Files.readString(file), SavedPlan.class);
    } catch (NoSuchFileException e) {
      throw new UsageException(
          "no plan file " + file + " (make one with `plan --out " + file + "`)");
    } catch (IOException e) {
      throw new UsageException(
          file
              + " is not a plan saved by `plan --out`: "
              + e.getMessage().lines().findFirst().orElse(""));
    }
    if (plan.format() != FORMAT
        || plan.changeSetId() == null
        || plan.stackId() == null
        || plan.stackState() == null
        || plan.templateSha256() == null
        || plan.stackName() == null
        || plan.region() == null
        || !List.of("CREATE", "UPDATE").contains(String.valueOf(plan.changeSetType()))) {
      throw new UsageException(
          file + " is not a plan saved by this client's `plan --out` (format " + FORMAT + ")");
    }
    return plan;
  }
}
