package dev.cluster.runtime.deploy.chaos;

import dev.cluster.contract.descriptor.NodeGroupInfo;
import dev.cluster.runtime.deploy.aws.AwsClients;
import dev.cluster.runtime.deploy.aws.AwsSettings;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.CtrlC;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Wait;
import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.DesiredState;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.FleetUnit;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import dev.cluster.runtime.deploy.stack.DeployCommand;
import dev.cluster.runtime.deploy.stack.StackTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Chaos on demand: kill one piece of the cluster on purpose and time how long until it is whole
 * again.
 *
 * <ul>
 *   <li>{@code chaos kill-unit [SERVICE]}: a random launched (non-template) unit of the service, or
 *       of any service, is destroyed in fleet: fleet stops it on its machine and forgets it, as if
 *       it were lost (the command waits until fleet reports it on no machine). The cluster then
 *       recovers the way an operator (or {@code deploy}) does: {@code units start SERVICE} submits
 *       and launches it again. The watch ends when every unit fleet had before is back with the
 *       same desired state and each launched one runs.
 *   <li>{@code chaos kill-machine [NODE_GROUP]}: a random InService instance of the group's
 *       autoscaling group (named by the stack output {@code <Group>GroupName}) is terminated
 *       through EC2, as a machine failure looks to the group, which then launches a replacement.
 *       The watch ends when the group has its desired number of InService instances again, and, if
 *       fleet is given, fleet is whole as above.
 * </ul>
 *
 * Both ask for the service's or group's name to be typed (or {@code --yes}); {@code --dry-run} only
 * says what would be killed. Not whole within {@code --timeout}: exit 1 with what is still missing.
 */
public final class ChaosCommand {
  private static final Random RANDOM = new Random();

  private ChaosCommand() {}

  /**
   * @param killed the unit or instance killed (or that would be, on a dry run)
   * @param seconds how long until the cluster was whole again; -1 on a dry run
   */
  public record ChaosReport(
      String command, String target, String killed, boolean dryRun, double seconds)
      implements Report {
    @Override
    public String text() {
      if (dryRun) {
        return "Dry run: "
            + command
            + " would kill "
            + killed
            + " ("
            + target
            + "); nothing was changed\n";
      }
      return "Killed "
          + killed
          + " ("
          + target
          + "); the cluster was whole again after "
          + String.format("%.1f", seconds)
          + "s\n";
    }
  }

  public static int killUnit(Request request) {
    List<String> operands = request.invocation().operands();
    if (operands.size() > 1) {
      throw new UsageException(
          "chaos kill-unit takes at most one SERVICE, got: " + String.join(" ", operands));
    }
    List<DeclaredUnit> declared = DeclaredUnit.of(request.cluster(), operands);
    Duration timeout = UnitOperations.timeout(request.invocation());
    if (!FleetConnection.given(request.invocation())) {
      throw new UsageException(
          "chaos kill-unit needs fleet: pass --fleet-url URL or --tunnel USER@HOST");
    }
    try (FleetConnection connection =
        FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
      FleetClient fleet = connection.client();
      Map<String, FleetUnit> inFleet =
          fleet.units().stream()
              .collect(Collectors.toMap(FleetUnit::name, Function.identity(), (a, b) -> b));
      List<DeclaredUnit> candidates =
          declared.stream()
              .filter(u -> !u.template())
              .filter(
                  u ->
                      inFleet.containsKey(u.name())
                          && DesiredState.LAUNCHED
                              .wire()
                              .equals(inFleet.get(u.name()).desiredState()))
              .toList();
      String scope = operands.isEmpty() ? "any service" : "service " + operands.get(0);
      if (candidates.isEmpty()) {
        throw new DeployException(
            "no launched unit of " + scope + " in fleet to kill (see `status`)");
      }
      DeclaredUnit victim = candidates.get(RANDOM.nextInt(candidates.size()));
      String target = "service " + victim.service();
      if (request.invocation().has(Option.DRY_RUN)) {
        request
            .console()
            .result(new ChaosReport("chaos kill-unit", target, victim.name(), true, -1));
        return ExitCode.OK;
      }
      confirm(
          request,
          "This destroys unit "
              + victim.name()
              + " in fleet (its service "
              + victim.service()
              + " loses it until it is started again). Type the service name to confirm: ",
          victim.service());
      FleetBaseline baseline = FleetBaseline.of(fleet);
      long start = System.nanoTime();
      UnitOperations operations = new UnitOperations(fleet, request.console(), timeout);
      // Ctrl-C (or SIGTERM) before the unit is started again would leave it destroyed: submit it
      // then
      try (CtrlC restoring =
          request
              .console()
              .restoreOnInterrupt(
                  victim.name() + " submitted and launched again",
                  () -> fleet.create(victim.name(), victim.options(), DesiredState.LAUNCHED),
                  "start it again with `units start " + victim.service() + "`")) {
        fleet.destroy(victim.name());
        // The kill counts once fleet no longer reports the unit on any machine; before that, its
        // last (same hash) state would make the restarted unit look whole at once.
        awaitWhole(
            request,
            "Waiting for fleet to stop " + victim.name(),
            timeout,
            start,
            () ->
                fleet.states().stream()
                    .filter(s -> victim.name().equals(s.name()))
                    .map(
                        s ->
                            victim.name()
                                + " (still "
                                + s.systemdActiveState()
                                + "/"
                                + s.systemdSubState()
                                + " on "
                                + s.machineID()
                                + ")")
                    .toList());
        request
            .console()
            .info(
                "Destroyed "
                    + victim.name()
                    + "; starting it again as `units start "
                    + victim.service()
                    + "` does");
        operations.start(DeclaredUnit.of(request.cluster(), List.of(victim.service())));
      }
      awaitWhole(
          request,
          "Waiting for fleet to run every unit again",
          timeout,
          start,
          () -> baseline.missing(fleet));
      request
          .console()
          .result(
              new ChaosReport(
                  "chaos kill-unit", target, victim.name(), false, secondsSince(start)));
      return ExitCode.OK;
    }
  }

  public static int killMachine(Request request) {
    List<String> operands = request.invocation().operands();
    if (operands.size() > 1) {
      throw new UsageException(
          "chaos kill-machine takes at most one NODE_GROUP, got: " + String.join(" ", operands));
    }
    List<NodeGroupInfo> groups = request.cluster().nodeGroups();
    NodeGroupInfo group =
        operands.isEmpty()
            ? groups.get(RANDOM.nextInt(groups.size()))
            : groups.stream()
                .filter(g -> g.name().equals(operands.get(0)))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UsageException(
                            "unknown node group '"
                                + operands.get(0)
                                + "' (node groups: "
                                + groups.stream()
                                    .map(NodeGroupInfo::name)
                                    .collect(Collectors.joining(", "))
                                + ")"));
    Duration timeout = UnitOperations.timeout(request.invocation());
    boolean withFleet = FleetConnection.given(request.invocation());
    try (AwsClients aws = AwsClients.connect(AwsSettings.from(request))) {
      String groupName = scalingGroupName(request, aws, group);
      AutoScalingClient autoScaling = aws.autoScaling();
      ScalingGroup before = describe(autoScaling, groupName);
      List<String> inService = before.inService();
      if (inService.isEmpty()) {
        throw new DeployException(
            "autoscaling group "
                + groupName
                + " of node group "
                + group.name()
                + " has no InService instance to kill");
      }
      String victim = inService.get(RANDOM.nextInt(inService.size()));
      String target = "node group " + group.name() + ", autoscaling group " + groupName;
      if (request.invocation().has(Option.DRY_RUN)) {
        request.console().result(new ChaosReport("chaos kill-machine", target, victim, true, -1));
        return ExitCode.OK;
      }
      confirm(
          request,
          "This terminates instance "
              + victim
              + " of node group "
              + group.name()
              + " ("
              + group.role()
              + "), as if the machine failed. Type the node group name to confirm: ",
          group.name());
      FleetConnection fleet =
          withFleet
              ? FleetConnection.open(request.invocation(), request.console()).orElseThrow()
              : null;
      try {
        FleetBaseline baseline = fleet == null ? null : FleetBaseline.of(fleet.client());
        long start = System.nanoTime();
        aws.ec2().terminateInstances(r -> r.instanceIds(victim));
        request
            .console()
            .info(
                "Terminated "
                    + victim
                    + "; waiting for "
                    + groupName
                    + " to have "
                    + before.desiredCapacity()
                    + " InService instances again");
        awaitWhole(
            request,
            "Waiting for " + groupName + " to replace " + victim,
            timeout,
            start,
            () -> {
              ScalingGroup now = describe(autoScaling, groupName);
              List<String> serving =
                  now.inService().stream().filter(id -> !id.equals(victim)).toList();
              return serving.size() >= now.desiredCapacity()
                  ? List.<String>of()
                  : List.of(
                      groupName
                          + " ("
                          + serving.size()
                          + " of "
                          + now.desiredCapacity()
                          + " InService)");
            });
        if (baseline != null) {
          awaitWhole(
              request,
              "Waiting for fleet to run every unit again",
              timeout,
              start,
              () -> baseline.missing(fleet.client()));
        }
        request
            .console()
            .result(
                new ChaosReport("chaos kill-machine", target, victim, false, secondsSince(start)));
      } finally {
        if (fleet != null) {
          fleet.close();
        }
      }
      return ExitCode.OK;
    }
  }

  /**
   * The group's autoscaling group, from the stack output the template declares for it ({@code
   * MainGroupName}).
   */
  static String scalingGroupName(Request request, AwsClients aws, NodeGroupInfo group) {
    StackTarget target = StackTarget.of(request, aws);
    Stack stack =
        target
            .stacks()
            .find(target.name())
            .orElseThrow(
                () ->
                    new DeployException(
                        "stack "
                            + target.name()
                            + " does not exist in "
                            + target.region()
                            + ": there is no machine to kill"));
    String output = group.scalingGroupOutput();
    String name = DeployCommand.outputs(stack).get(output);
    if (name == null || name.isEmpty()) {
      throw new DeployException(
          "stack "
              + target.name()
              + " has no output "
              + output
              + " naming node group "
              + group.name()
              + "'s autoscaling group (deploy the current template first)");
    }
    return name;
  }

  private static ScalingGroup describe(AutoScalingClient autoScaling, String groupName) {
    List<AutoScalingGroup> found =
        autoScaling
            .describeAutoScalingGroups(r -> r.autoScalingGroupNames(groupName))
            .autoScalingGroups();
    if (found.isEmpty()) {
      throw new DeployException(
          "autoscaling group " + groupName + " does not exist (is --region the stack's?)");
    }
    AutoScalingGroup group = found.get(0);
    return new ScalingGroup(
        group.autoScalingGroupName(),
        group.desiredCapacity(),
        group.instances().stream()
            .map(i -> new ScalingGroup.Member(i.instanceId(), i.lifecycleStateAsString()))
            .toList());
  }

  private static void confirm(Request request, String prompt, String expected) {
    if (request.invocation().has(Option.YES)) {
      return;
    }
    String typed = request.console().readLine(prompt);
    if (typed == null || !typed.strip().equals(expected)) {
      throw new DeployException(
          "not confirmed; nothing was killed (type " + expected + ", or pass --yes)");
    }
  }

  private static void awaitWhole(
      Request request, String label, Duration timeout, long start, Supplier<List<String>> missing) {
    try (Wait wait =
        request
            .console()
            .startWait(label, "nothing more is done by this client; watch it with `status`")) {
      while (true) {
        List<String> still = missing.get();
        if (still.isEmpty()) {
          return;
        }
        wait.status("missing: " + String.join(", ", still));
        if (Duration.ofNanos(System.nanoTime() - start).compareTo(timeout) > 0) {
          throw new DeployException(
              "the cluster was not whole again within "
                  + timeout.toSeconds()
                  + "s; still missing: "
                  + String.join(", ", still));
        }
        wait.pause();
      }
    }
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
