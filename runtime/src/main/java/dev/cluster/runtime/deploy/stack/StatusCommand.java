package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.FleetException;
import dev.cluster.runtime.deploy.fleet.FleetMachine;
import dev.cluster.runtime.deploy.fleet.FleetUnit;
import dev.cluster.runtime.deploy.fleet.UnitState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code status}: the stack's status and outputs, fleet's machines and every unit's desired and
 * current state.
 */
public final class StatusCommand {
  private StatusCommand() {}

  /**
   * One unit: fleet's desired and current state and what systemd reports on the machines running
   * it.
   */
  public record UnitStatus(String unit, String desired, String current, String systemd) {}

  /**
   * @param fleetNote why fleet's part is missing, or empty
   */
  public record StatusReport(
      String stack,
      String region,
      String status,
      String statusReason,
      Map<String, String> outputs,
      List<FleetMachine> machines,
      List<UnitStatus> units,
      String fleetNote)
      implements Report {
    @Override
    public String text() {
      StringBuilder text =
          new StringBuilder("Stack ").append(stack).append(" in ").append(region).append(": ");
      text.append(status.isEmpty() ? "does not exist (deploy creates it)" : status);
      text.append(statusReason.isEmpty() ? "" : " (" + statusReason + ")").append('\n');
      if (!outputs.isEmpty()) {
        Table table = new Table("OUTPUT", "VALUE");
        outputs.forEach(table::row);
        text.append(table.render());
      }
      text.append('\n');
      if (!fleetNote.isEmpty()) {
        return text.append("Fleet: ").append(fleetNote).append('\n').toString();
      }
      Table machineTable = new Table("MACHINE", "IP", "METADATA");
      machines.forEach(m -> machineTable.row(m.id(), String.valueOf(m.primaryIP()), metadata(m)));
      text.append("Machines\n").append(machines.isEmpty() ? "  (none)\n" : machineTable.render());
      Table unitTable = new Table("UNIT", "DESIRED", "CURRENT", "SYSTEMD");
      units.forEach(u -> unitTable.row(u.unit(), u.desired(), u.current(), u.systemd()));
      return text.append("\nUnits\n")
          .append(units.isEmpty() ? "  (none)\n" : unitTable.render())
          .toString();
    }

    private static String metadata(FleetMachine machine) {
      return machine.metadata().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
    }
  }

  public static int run(Request request) {
    boolean consultFleet = FleetConnection.given(request.invocation());
    try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
      StackTarget target = StackTarget.of(request, aws);
      Optional<Stack> stack = target.stacks().find(target.name());
      String status = stack.map(Stack::stackStatusAsString).orElse("");
      String reason = stack.map(Stack::stackStatusReason).orElse("");
      Map<String, String> outputs = stack.map(DeployCommand::outputs).orElse(Map.of());
      if (!consultFleet) {
        request
            .console()
            .result(
                new StatusReport(
                    target.name(),
                    target.region(),
                    status,
                    reason,
                    outputs,
                    List.of(),
                    List.of(),
                    PlanCommand.FLEET_NOT_CONSULTED));
        return ExitCode.OK;
      }
      try (FleetConnection fleet =
          FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
        FleetClient client = fleet.client();
        List<UnitStatus> units =
            unitStatuses(
                DeclaredUnit.of(request.cluster(), List.of()), client.units(), client.states());
        request
            .console()
            .result(
                new StatusReport(
                    target.name(),
                    target.region(),
                    status,
                    reason,
                    outputs,
                    client.machines(),
                    units,
                    ""));
      } catch (DeployException | FleetException unreachable) {
        request
            .console()
            .result(
                new StatusReport(
                    target.name(),
                    target.region(),
                    status,
                    reason,
                    outputs,
                    List.of(),
                    List.of(),
                    "not reachable"));
        request.console().problem(unreachable.getMessage());
        return ExitCode.FAILURE;
      }
      return ExitCode.OK;
    }
  }

  static List<UnitStatus> unitStatuses(
      List<DeclaredUnit> declared, List<FleetUnit> inFleet, List<UnitState> states) {
    Map<String, FleetUnit> byName =
        inFleet.stream()
            .collect(Collectors.toMap(FleetUnit::name, Function.identity(), (a, b) -> b));
    Map<String, String> systemd =
        states.stream()
            .collect(
                Collectors.groupingBy(
                    UnitState::name,
                    Collectors.mapping(
                        s ->
                            s.machineID()
                                + ":"
                                + s.systemdActiveState()
                                + "/"
                                + s.systemdSubState(),
                        Collectors.joining(" "))));
    Set<String> names = new LinkedHashSet<>();
    declared.forEach(u -> names.add(u.name()));
    inFleet.forEach(u -> names.add(u.name()));
    List<UnitStatus> statuses = new ArrayList<>();
    for (String name : names) {
      FleetUnit unit = byName.get(name);
      statuses.add(
          unit == null
              ? new UnitStatus(name, "-", "not submitted", "")
              : new UnitStatus(
                  name,
                  unit.desiredState(),
                  String.valueOf(unit.currentState()),
                  systemd.getOrDefault(name, "")));
    }
    return List.copyOf(statuses);
  }
}
