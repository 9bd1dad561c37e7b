package dev.cluster.runtime.deploy.stack;

import dev.cluster.contract.descriptor.SecretRef;
import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.config.ConfigFile;
import dev.cluster.runtime.deploy.config.ConfigPush;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.UnitChange;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import dev.cluster.runtime.deploy.fleet.UnitsCommand;
import dev.cluster.runtime.deploy.fleet.UnitsReport;
import dev.cluster.runtime.deploy.images.ManifestImage;
import dev.cluster.runtime.deploy.images.PushedImages;
import dev.cluster.runtime.deploy.secrets.MissingSecret;
import dev.cluster.runtime.deploy.secrets.SecretsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code deploy}: the stack through a change set (executed only when it changes something), then
 * the units through fleet, but only once every declared secret is in Secrets Manager.
 */
public final class DeployCommand {
  private DeployCommand() {}

  /**
   * @param stackResult "created", "updated" or "unchanged"
   * @param unitsNote why units were not started, or empty
   */
  public record DeployReport(
      String stack,
      String region,
      String stackResult,
      String status,
      Map<String, String> outputs,
      List<UnitChange> units,
      String unitsNote)
      implements Report {
    @Override
    public String text() {
      StringBuilder text = new StringBuilder();
      text.append("Stack ")
          .append(stack)
          .append(" in ")
          .append(region)
          .append(": ")
          .append(stackResult.equals("unchanged") ? "no changes" : stackResult)
          .append(" (")
          .append(status)
          .append(")\n");
      if (!outputs.isEmpty()) {
        Table table = new Table("OUTPUT", "VALUE");
        outputs.forEach(table::row);
        text.append(table.render());
      }
      text.append('\n');
      if (!unitsNote.isEmpty()) {
        return text.append("Units: ").append(unitsNote).append('\n').toString();
      }
      return text.append(new UnitsReport("deploy", units).text()).toString();
    }
  }

  public static int run(Request request) {
    Optional<SavedPlan> saved =
        request.invocation().value(Option.PLAN).map(Path::of).map(SavedPlan::read);
    if (saved.isPresent()
        && (request.invocation().has(Option.PARAM)
            || request.invocation().has(Option.ALLOW_WORLD))) {
      throw new UsageException(
          "deploy --plan executes the saved change set with the parameters it was planned with:"
              + " drop --param and --allow-world, or plan again with them");
    }
    requireApprovalPossible(request);
    ParameterValues parameters =
        ParameterValues.parse(
            request.cluster().parameters(), request.invocation().values(Option.PARAM));
    TemplateBody template = TemplateBody.of(request.cluster());
    saved.ifPresent(plan -> plan.requireSameJar(request, template));
    boolean skipUnits = request.invocation().has(Option.SKIP_UNITS);
    if (!skipUnits && !FleetConnection.given(request.invocation())) {
      throw new UsageException(
          "deploy starts the units through fleet: pass --fleet-url URL or --tunnel USER@HOST, or --skip-units");
    }
    List<DeclaredUnit> unitsToRun =
        skipUnits ? List.of() : DeclaredUnit.of(request.cluster(), List.of());
    List<ConfigFile> configs = skipUnits ? List.of() : UnitsCommand.requireEtcdFor(request);
    Duration unitTimeout = UnitOperations.timeout(request.invocation());
    AwsSettings settings = AwsSettings.from(request);
    saved.ifPresent(plan -> plan.requireSameTarget(request, settings.region().id()));
    Optional<String> bucket =
        saved.isPresent()
            ? saved.get().bucket()
            : request.invocation().value(Option.TEMPLATE_BUCKET);
    template.requireDeliverable(bucket, request.stackName(), settings.region().id());
    List<BootConfigs.BootConfig> bootConfigs = BootConfigs.neededBy(template, request.cluster());
    try (AwsClients aws = AwsClients.connect(settings)) {
      StackTarget target = StackTarget.of(request, aws);
      Optional<Stack> existing = target.stacks().find(target.name());
      Supplier<StackResult> stackStep;
      if (saved.isPresent()) {
        saved.get().requireUnmoved(existing, target);
        stackStep = () -> deploySaved(request, aws, target, saved.get(), bootConfigs);
      } else {
        StackCondition.requireChangeable(existing, target.name(), target.region());
        ParameterValues.Resolved values = parameters.forStack(existing);
        stackStep =
            () -> deployStack(request, aws, target, template, bootConfigs, existing, values);
      }
      if (skipUnits) {
        return report(request, target, stackStep.get(), List.of(), "skipped (--skip-units)");
      }
      List<SecretRef> toGenerate = requireSecrets(request, aws);
      // An existing stack's fleet and image repositories are there now: check them before the stack
      // changes. A new
      // stack's machines and repositories do not exist yet, so they can only be checked after the
      // creation.
      boolean ready = StackCondition.of(existing) == StackCondition.READY;
      List<ManifestImage> pulled =
          PushedImages.pulledBy(
              request.cluster(), unitsToRun.stream().map(DeclaredUnit::service).toList());
      if (ready) {
        requirePushed(aws, pulled, "nothing was changed");
      }
      Optional<FleetConnection> reachedFirst =
          ready ? Optional.of(reachable(request, configs)) : Optional.empty();
      try (FleetConnection fleet = reachedFirst.orElse(null)) {
        generateSecrets(request, aws, toGenerate);
        StackResult stack = stackStep.get();
        if (!ready) {
          requirePushed(
              aws,
              pulled,
              "stack " + target.name() + " " + stack.result() + ", but no unit was started");
        }
        try (FleetConnection afterCreation =
            reachedFirst.isPresent() ? null : reachable(request, configs)) {
          FleetConnection units = reachedFirst.isPresent() ? fleet : afterCreation;
          if (!configs.isEmpty()) {
            ConfigPush.push(
                request.cluster(), configs, units.etcd().orElseThrow(), request.console());
          }
          List<UnitChange> changes =
              new UnitOperations(units.client(), request.console(), unitTimeout)
                  .reconcile(unitsToRun);
          return report(request, target, stack, changes, "");
        }
      }
    }
  }

  /**
   * Refuses, before anything changes, while a secret a person sets is missing in Secrets Manager;
   * returns the missing ones that any random value serves (derived passwords and client secrets),
   * which {@link #generateSecrets} makes once every other precondition holds.
   */
  private static List<SecretRef> requireSecrets(Request request, AwsClients aws) {
    List<MissingSecret> missing =
        new SecretsStore(aws.secretsManager()).missing(request.cluster().secrets());
    Map<String, SecretRef> declared =
        request.cluster().secrets().stream()
            .collect(Collectors.toMap(SecretRef::name, secret -> secret));
    List<MissingSecret> toSet =
        missing.stream()
            .filter(m -> !(declared.get(m.name()).generated() && m.storable()))
            .toList();
    if (!toSet.isEmpty()) {
      String list =
          toSet.stream()
              .map(m -> m.name() + " (" + m.reason() + ")")
              .collect(Collectors.joining(", "));
      throw new DeployException(
          "nothing was changed: "
              + toSet.size()
              + " declared secret(s) missing in Secrets Manager: "
              + list
              + "; store them with `secrets set NAME`, then deploy again (or deploy --skip-units)");
    }
    return missing.stream().map(m -> declared.get(m.name())).toList();
  }

  /**
   * Stores a random value in each missing generated secret, which nobody has to know: only the
   * cluster reads it.
   */
  private static void generateSecrets(Request request, AwsClients aws, List<SecretRef> secrets) {
    SecretsStore store = new SecretsStore(aws.secretsManager());
    for (SecretRef secret : secrets) {
      store.put(secret, SecretsStore.randomValue());
      request
          .console()
          .info("generated secret " + secret.name() + " (" + secret.description() + ")");
    }
  }

  /**
   * Refuses while an image the units pull is not in its ECR repository: {@code done} says what
   * happened so far.
   */
  private static void requirePushed(AwsClients aws, List<ManifestImage> pulled, String done) {
    if (pulled.isEmpty()) {
      return;
    }
    List<PushedImages.Missing> missing = PushedImages.missing(aws.ecr(), pulled);
    if (!missing.isEmpty()) {
      throw new DeployException(
          done
              + ": "
              + missing.size()
              + " image(s) the units pull are not in ECR: "
              + String.join(", ", missing.stream().map(PushedImages.Missing::toString).toList())
              + "; push them with `images push`, then deploy again");
    }
  }

  /**
   * fleet, and etcd when config files go there, answering: each throws a DeployException naming
   * what is unreachable.
   */
  private static FleetConnection reachable(Request request, List<ConfigFile> configs) {
    FleetConnection fleet =
        FleetConnection.open(request.invocation(), request.console()).orElseThrow();
    try {
      fleet.client().machines();
      if (!configs.isEmpty()) {
        fleet.etcd().orElseThrow().get(configs.get(0).key());
      }
      return fleet;
    } catch (RuntimeException e) {
      fleet.close();
      throw e;
    }
  }

  private record StackResult(String result, Stack stack) {}

  private static StackResult deployStack(
      Request request,
      AwsClients aws,
      StackTarget target,
      TemplateBody template,
      List<BootConfigs.BootConfig> bootConfigs,
      Optional<Stack> existing,
      ParameterValues.Resolved values) {
    values
        .kept()
        .forEach(
            kept ->
                target
                    .console()
                    .info(
                        "Keeping the deployed value of "
                            + kept.name()
                            + " ("
                            + kept.value()
                            + "); pass --param "
                            + kept.name()
                            + "=VALUE to change it"));
    AddressRanges.check(
            request.cluster().parameters(),
            values.values(),
            values.keptNames(),
            request.invocation().values(Option.ALLOW_WORLD))
        .stream()
        .filter(AddressRanges.AddressRange::wholeInternet)
        .forEach(
            range ->
                target
                    .console()
                    .info(
                        "Opening "
                            + String.join(", ", range.opens())
                            + " to the whole internet: "
                            + range.parameter()
                            + "="
                            + range.value()
                            + " (--allow-world "
                            + range.parameter()
                            + ")"));
    TemplateLocation location = TemplateBucket.deliver(request, aws, target.name(), template);
    BootConfigs.upload(request, aws, bootConfigs);
    target.stacks().validateTemplate(location);
    ChangeSets changeSets = target.changeSets();
    PreparedChangeSet changeSet =
        changeSets.prepare(
            target.name(),
            StackCondition.of(existing),
            location,
            BootConfigs.withBucket(
                values.parameters(), template, request.invocation().value(Option.TEMPLATE_BUCKET)),
            "deploy");
    if (!changeSet.hasChanges()) {
      changeSets.discard(changeSet);
      target.console().info("Stack " + target.name() + " is up to date: no changes.");
      return new StackResult("unchanged", existing.orElseThrow());
    }
    approve(request, target, changeSet, () -> changeSets.discard(changeSet));
    return execute(target, changeSet.id(), changeSet.type() == ChangeSetType.CREATE);
  }

  /**
   * The change set a plan saved, as it is now in CloudFormation: executed only while it still can
   * be, after the same approval; refused, and left as it is, when it is gone or CloudFormation no
   * longer executes it.
   */
  private static StackResult deploySaved(
      Request request,
      AwsClients aws,
      StackTarget target,
      SavedPlan plan,
      List<BootConfigs.BootConfig> bootConfigs) {
    CloudFormationStacks.ChangeSetState state =
        target
            .stacks()
            .findChangeSet(plan.changeSetId())
            .orElseThrow(
                () ->
                    new DeployException(
                        "the planned change set "
                            + plan.changeSetName()
                            + " is gone (deleted, or"
                            + " another change set was executed on stack "
                            + target.name()
                            + "); nothing was changed. Plan again."));
    if (!state.status().equals("CREATE_COMPLETE") || !"AVAILABLE".equals(state.executionStatus())) {
      throw new DeployException(
          "CloudFormation no longer executes the planned change set "
              + plan.changeSetName()
              + " ("
              + state.status()
              + ", "
              + state.executionStatus()
              + "); nothing was changed. Plan again.");
    }
    PreparedChangeSet changeSet =
        new PreparedChangeSet(
                target.name(),
                plan.changeSetId(),
                plan.changeSetName(),
                ChangeSetType.fromValue(plan.changeSetType()),
                false)
            .computed(state);
    target
        .console()
        .info(
            "Executing the change set saved in "
                + request.invocation().value(Option.PLAN).orElseThrow()
                + " ("
                + plan.changeSetName()
                + ")");
    approve(request, target, changeSet, () -> {});
    BootConfigs.upload(request, aws, bootConfigs);
    return execute(target, changeSet.id(), changeSet.type() == ChangeSetType.CREATE);
  }

  /** Refuses at once, before any call, a deploy that would have to ask and cannot. */
  private static void requireApprovalPossible(Request request) {
    if (!request.invocation().has(Option.YES) && !request.console().interactive()) {
      throw new UsageException(
          "deploy asks for approval of the changes on a terminal, and standard input is not one:"
              + " pass --yes to deploy without asking (e.g. in CI, after reviewing `plan`). Nothing was changed.");
    }
  }

  /**
   * Shows what the change set does and, unless --yes, goes on only when the user types yes; else
   * {@code discard}.
   */
  private static void approve(
      Request request, StackTarget target, PreparedChangeSet changeSet, Runnable discard) {
    boolean creating = changeSet.type() == ChangeSetType.CREATE;
    target
        .console()
        .info(
            (creating ? "Creating" : "Updating")
                + " stack "
                + target.name()
                + " in "
                + target.region()
                + ":");
    target
        .console()
        .info(
            PlanCommand.stackChangesText(changeSet.changes(), changeSet.security())
                .stripTrailing());
    if (request.invocation().has(Option.YES)) {
      return;
    }
    String answer =
        request
            .console()
            .readLine("Apply these changes to stack " + target.name() + "? Type yes to apply: ");
    if (answer == null || !answer.strip().equals("yes")) {
      discard.run();
      throw new DeployException("not approved (only yes applies); nothing was changed");
    }
  }

  private static StackResult execute(StackTarget target, String changeSetId, boolean creating) {
    StackEventFeed feed = StackEventFeed.startingNow(target.stacks(), target.name());
    target.stacks().executeChangeSet(changeSetId);
    String operation = creating ? "creation" : "update";
    StackOperation.Outcome outcome =
        target
            .operation()
            .follow(
                feed,
                (creating ? "Creating" : "Updating") + " stack " + target.name(),
                target.leftRunning(operation));
    if (!StackCondition.succeeded(outcome.finalStatus())) {
      throw new DeployException(
          "the "
              + operation
              + " of stack "
              + target.name()
              + " failed; it is now "
              + outcome.finalStatus()
              + ".\nFirst failure: "
              + outcome.firstFailure()
              + "\n"
              + StackCondition.of(outcome.finalStatus()).recovery(target.name(), target.region()));
    }
    return new StackResult(creating ? "created" : "updated", outcome.stack().orElseThrow());
  }

  private static int report(
      Request request,
      StackTarget target,
      StackResult stack,
      List<UnitChange> units,
      String unitsNote) {
    request
        .console()
        .result(
            new DeployReport(
                target.name(),
                target.region(),
                stack.result(),
                stack.stack().stackStatusAsString(),
                outputs(stack.stack()),
                units,
                unitsNote));
    return ExitCode.OK;
  }

  /** The stack's outputs by key, in the order CloudFormation lists them. */
  public static Map<String, String> outputs(Stack stack) {
    return stack.outputs().stream()
        .collect(
            Collectors.toMap(
                Output::outputKey,
                o -> Optional.ofNullable(o.outputValue()).orElse(""),
                (a, b) -> b,
                LinkedHashMap::new));
  }
}
