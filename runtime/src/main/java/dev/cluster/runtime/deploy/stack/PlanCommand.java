package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.FleetException;
import dev.cluster.runtime.deploy.fleet.UnitAction;
import dev.cluster.runtime.deploy.fleet.UnitChange;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import dev.cluster.runtime.deploy.stack.AddressRanges.AddressRange;
import dev.cluster.runtime.deploy.stack.ParameterValues.KeptParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code plan}: what deploy would change, from a change set that is deleted again, and from fleet's
 * units; and which ports each address-range parameter opens, with the value it would have ({@link
 * AddressRanges}).
 */
public final class PlanCommand {
  static final String FLEET_NOT_CONSULTED =
      "fleet not consulted (pass --fleet-url URL or --tunnel USER@HOST to compare units)";

  private PlanCommand() {}

  /**
   * @param units the unit changes; empty when fleet was not consulted or not reached
   * @param unitsNote why the units were not compared, or empty
   * @param keptParameters required parameters not given, whose deployed values the update keeps
   * @param addressRanges the parameters the template opens ports to, with their values and those
   *     ports
   * @param savedTo the file the plan was saved to ({@code --out}), or empty
   */
  public record PlanReport(
      String stack,
      String region,
      String changeSetType,
      List<ResourceChangeLine> stackChanges,
      List<SecurityChange> securityChanges,
      String unitsNote,
      List<UnitChange> units,
      List<KeptParameter> keptParameters,
      List<AddressRange> addressRanges,
      String savedTo)
      implements Report {
    @Override
    public String text() {
      StringBuilder text = new StringBuilder();
      if (stackChanges.isEmpty()) {
        text.append("Stack ").append(stack).append(" in ").append(region).append(": no changes\n");
      } else {
        String what = changeSetType.equals("CREATE") ? "would be created" : "would be updated";
        text.append("Stack ")
            .append(stack)
            .append(" in ")
            .append(region)
            .append(' ')
            .append(what)
            .append(":\n");
        text.append(stackChangesText(stackChanges, securityChanges));
      }
      if (!keptParameters.isEmpty()) {
        text.append("Kept from the deployed stack (no --param given): ")
            .append(
                keptParameters.stream()
                    .map(p -> p.name() + "=" + p.value())
                    .collect(Collectors.joining(", ")))
            .append('\n');
      }
      if (!addressRanges.isEmpty()) {
        text.append("Ports open to address-range parameters:\n")
            .append(addressRangeTable(addressRanges));
      }
      text.append('\n');
      if (!unitsNote.isEmpty()) {
        text.append("Units: ").append(unitsNote).append('\n');
      } else {
        text.append(unitsText(units));
      }
      if (!savedTo.isEmpty()) {
        text.append("\nPlan saved to ")
            .append(savedTo)
            .append("; apply exactly this plan with: deploy --plan ")
            .append(savedTo)
            .append('\n');
      }
      return text.toString();
    }

    /** Whether deploy would change anything: the stack, or (when fleet was asked) a unit. */
    public boolean changesSomething() {
      return !stackChanges.isEmpty()
          || units.stream().anyMatch(u -> u.action() != UnitAction.UNCHANGED);
    }
  }

  private static String unitsText(List<UnitChange> units) {
    List<UnitChange> changes =
        units.stream().filter(u -> u.action() != UnitAction.UNCHANGED).toList();
    if (changes.isEmpty()) {
      return "Units: no changes (" + units.size() + " as declared)\n";
    }
    Map<UnitAction, Long> counts =
        changes.stream()
            .collect(
                Collectors.groupingBy(
                    UnitChange::action,
                    () -> new EnumMap<>(UnitAction.class),
                    Collectors.counting()));
    Table table = new Table("UNIT", "FLEET WOULD");
    changes.forEach(u -> table.row(u.unit(), u.action().planned()));
    return "Units: "
        + counts.entrySet().stream()
            .map(e -> e.getValue() + " to " + e.getKey().planned())
            .collect(Collectors.joining(", "))
        + "\n"
        + table.render();
  }

  /**
   * The stack's part of a plan, as plan prints it and deploy shows it before asking: the resources,
   * the property values each modification changes, the replacements, what opens or closes access,
   * and the counts.
   */
  static String stackChangesText(List<ResourceChangeLine> changes, List<SecurityChange> security) {
    StringBuilder text = new StringBuilder(changeTable(changes));
    List<ResourceChangeLine> modified =
        changes.stream().filter(c -> c.action().equals("Modify")).toList();
    if (!modified.isEmpty()) {
      text.append("Changes to modified resources:\n");
      for (ResourceChangeLine change : modified) {
        text.append("  ").append(change.logicalId());
        if (change.replaced()) {
          text.append(
              "  REPLACED: a new one is created and the old one deleted, with what it held");
        } else if (change.mayBeReplaced()) {
          text.append("  MAY BE REPLACED: CloudFormation decides while it deploys");
        }
        text.append('\n');
        if (change.properties().isEmpty()) {
          text.append("      (CloudFormation gave no property values)\n");
        }
        change.properties().forEach(p -> text.append("      ").append(p.text()).append('\n'));
      }
    }
    if (security.isEmpty()) {
      text.append(
          "Security-relevant changes: none (no security group rule, IAM resource or access policy changes)\n");
    } else {
      Table table = new Table("RESOURCE", "CHANGE", "WHAT");
      security.forEach(s -> table.row(s.resource(), s.change(), s.what()));
      text.append("Security-relevant changes:\n").append(table.render());
    }
    long added = changes.stream().filter(c -> c.action().equals("Add")).count();
    long removed = changes.stream().filter(c -> c.action().equals("Remove")).count();
    long replaced = modified.stream().filter(ResourceChangeLine::replaced).count();
    long maybe = modified.stream().filter(ResourceChangeLine::mayBeReplaced).count();
    text.append("Plan: ")
        .append(added)
        .append(" to add, ")
        .append(modified.size())
        .append(" to modify (")
        .append(replaced)
        .append(" replaced")
        .append(maybe > 0 ? ", " + maybe + " maybe replaced" : "")
        .append("), ")
        .append(removed)
        .append(" to remove\n");
    return text.toString();
  }

  static String addressRangeTable(List<AddressRange> ranges) {
    Table table = new Table("PARAMETER", "VALUE", "OPENS");
    ranges.forEach(
        r ->
            table.row(
                r.parameter(),
                r.value()
                    + (r.kept() ? " (kept)" : "")
                    + (r.wholeInternet() ? " = THE WHOLE INTERNET (--allow-world)" : ""),
                String.join(", ", r.opens())));
    return table.render();
  }

  static String changeTable(List<ResourceChangeLine> changes) {
    Table table = new Table("ACTION", "RESOURCE", "TYPE", "REPLACEMENT");
    changes.forEach(
        c ->
            table.row(
                c.action(),
                c.logicalId(),
                c.resourceType(),
                c.replacement() == null ? "" : c.replacement()));
    return table.render();
  }

  public static int run(Request request) {
    ParameterValues parameters =
        ParameterValues.parse(
            request.cluster().parameters(), request.invocation().values(Option.PARAM));
    TemplateBody template = TemplateBody.of(request.cluster());
    boolean consultFleet = FleetConnection.given(request.invocation());
    List<DeclaredUnit> units =
        consultFleet ? DeclaredUnit.of(request.cluster(), List.of()) : List.of();
    Optional<Path> out = request.invocation().value(Option.OUT).map(Path::of);
    out.ifPresent(PlanCommand::requireWritable);
    AwsSettings settings = AwsSettings.from(request);
    Optional<String> bucket = request.invocation().value(Option.TEMPLATE_BUCKET);
    template.requireDeliverable(bucket, request.stackName(), settings.region().id());
    try (AwsClients aws = AwsClients.connect(settings)) {
      StackTarget target = StackTarget.of(request, aws);
      Optional<Stack> stack = target.stacks().find(target.name());
      StackCondition.requireChangeable(stack, target.name(), target.region());
      ParameterValues.Resolved values = parameters.forStack(stack);
      List<AddressRange> ranges =
          AddressRanges.check(
              request.cluster().parameters(),
              values.values(),
              values.keptNames(),
              request.invocation().values(Option.ALLOW_WORLD));
      TemplateLocation location = TemplateBucket.deliver(request, aws, target.name(), template);
      target.stacks().validateTemplate(location);
      ChangeSets changeSets = target.changeSets();
      PreparedChangeSet changeSet =
          changeSets.prepare(
              target.name(),
              StackCondition.of(stack),
              location,
              BootConfigs.withBucket(values.parameters(), template, bucket),
              "plan");
      String savedTo = "";
      if (out.isPresent() && changeSet.hasChanges()) {
        save(request, target, changeSet, template, bucket, out.get());
        savedTo = out.get().toString();
      } else {
        changeSets.discard(changeSet);
        out.ifPresent(file -> request.console().info("No changes: no plan saved to " + file));
      }
      List<UnitChange> unitChanges = List.of();
      String unitsNote = consultFleet ? "" : FLEET_NOT_CONSULTED;
      Optional<String> fleetProblem = Optional.empty();
      if (consultFleet) {
        try {
          unitChanges = planUnits(request, units);
        } catch (DeployException | FleetException unreachable) {
          unitsNote = "fleet not reachable, units not compared";
          fleetProblem = Optional.of(unreachable.getMessage());
        }
      }
      PlanReport report =
          new PlanReport(
              target.name(),
              target.region(),
              changeSet.type().toString(),
              changeSet.changes(),
              changeSet.security(),
              unitsNote,
              unitChanges,
              values.kept(),
              ranges,
              savedTo);
      request.console().result(report);
      if (fleetProblem.isPresent()) {
        // the stack's plan is still worth showing; the exit code says the plan is incomplete
        request.console().problem(fleetProblem.get());
        return ExitCode.FAILURE;
      }
      boolean detailed = request.invocation().has(Option.DETAILED_EXITCODE);
      return detailed && report.changesSomething() ? ExitCode.CHANGES_PRESENT : ExitCode.OK;
    }
  }

  /**
   * Refuses, before any call, a plan file that could not be written: a plan kept in AWS but not
   * saved helps nobody.
   */
  private static void requireWritable(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    if (folder == null
        || !Files.isDirectory(folder)
        || !Files.isWritable(folder)
        || Files.isDirectory(file)) {
      throw new UsageException(
          "--out " + file + ": cannot write a file there (is its folder missing or read-only?)");
    }
  }

  /**
   * Keeps the change set in AWS and saves what deploy --plan needs to execute it, or to see that it
   * must not.
   */
  private static void save(
      Request request,
      StackTarget target,
      PreparedChangeSet changeSet,
      TemplateBody template,
      Optional<String> bucket,
      Path file) {
    try {
      Stack planned =
          target
              .stacks()
              .find(target.name())
              .orElseThrow(
                  () ->
                      new DeployException(
                          "stack " + target.name() + " vanished while it was planned"));
      new SavedPlan(
              SavedPlan.FORMAT,
              request.cluster().name(),
              target.name(),
              target.region(),
              planned.stackId(),
              SavedPlan.stateOf(planned),
              changeSet.id(),
              changeSet.name(),
              changeSet.type().toString(),
              template.sha256(),
              bucket.orElse(""))
          .write(file);
    } catch (RuntimeException e) {
      target.changeSets().discard(changeSet);
      throw e;
    }
    String removal =
        changeSet.createdStack()
            ? "aws cloudformation delete-stack --stack-name "
                + target.name()
                + " (the empty stack the plan of a new stack makes)"
            : "aws cloudformation delete-change-set --stack-name "
                + target.name()
                + " --change-set-name "
                + changeSet.name();
    request
        .console()
        .info(
            "Change set "
                + changeSet.name()
                + " is kept on stack "
                + target.name()
                + " for `deploy --plan "
                + file
                + "`; a plan not applied can be removed with: "
                + removal);
  }

  private static List<UnitChange> planUnits(Request request, List<DeclaredUnit> units) {
    try (FleetConnection fleet =
        FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
      return UnitOperations.planStart(units, fleet.client().units());
    }
  }
}
