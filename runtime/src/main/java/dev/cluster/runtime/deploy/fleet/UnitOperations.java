package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.cli.Invocation;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.CtrlC;
import dev.cluster.runtime.deploy.console.DeployException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings fleet's units to what the cluster declares. A unit whose file changed and does not run is
 * replaced by one PUT (fleet 1.0 replaces a unit whose options differ; a refused file leaves the
 * old one). Templates stay inactive (fleet cannot launch a template); their instances carry the
 * template's options.
 *
 * <p>Running instances of a changed template are replaced one at a time (a rolling update):
 * instance i is stopped and destroyed together with the running units systemd stops with it (those
 * bound to it, such as a pod's app, ambassadors and volumes), and once fleet has unloaded them all
 * they are submitted again (instance i with the new options) and launched; the next one waits until
 * fleet's unit state says each of them is up ({@code active/running}, or {@code active/exited} for
 * a {@code RemainAfterExit} unit such as a generated {@code Type=oneshot} pod). An instance that
 * fails, or is not up within the timeout, stops the roll: the instances after it keep the old unit
 * file.
 */
public final class UnitOperations {
  /**
   * How long a rolling update waits for one instance, and chaos for the cluster, unless --timeout
   * says otherwise.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

  private final FleetClient fleet;
  private final Console console;
  private final Duration timeout;

  public UnitOperations(FleetClient fleet, Console console, Duration timeout) {
    this.fleet = fleet;
    this.console = console;
    this.timeout = timeout;
  }

  /** {@code --timeout SECONDS}, or {@link #DEFAULT_TIMEOUT}. */
  public static Duration timeout(Invocation invocation) {
    Optional<String> value = invocation.value(Option.TIMEOUT);
    if (value.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      long seconds = Long.parseLong(value.get());
      if (seconds > 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException notANumber) {
      // refused below
    }
    throw new UsageException(
        "--timeout takes a number of seconds above 0, got '" + value.get() + "'");
  }

  /** What {@link #start} would do, without changing anything. */
  public static List<UnitChange> planStart(List<DeclaredUnit> declared, List<FleetUnit> inFleet) {
    Map<String, FleetUnit> existing = byName(inFleet);
    Map<String, UnitAction> actions = new java.util.LinkedHashMap<>();
    for (DeclaredUnit unit : declared) {
      actions.put(unit.name(), decide(unit, DesiredState.LAUNCHED, existing.get(unit.name())));
    }
    for (DeclaredUnit unit : declared) {
      if (actions.get(unit.name()) == UnitAction.REPLACE
          && isRunningInstance(unit, existing.get(unit.name()))) {
        replica(unit, declared, existing).stream()
            .filter(member -> actions.get(member.name()) == UnitAction.UNCHANGED)
            .forEach(member -> actions.put(member.name(), UnitAction.RESTART));
      }
    }
    List<UnitChange> changes = new ArrayList<>();
    actions.forEach((unit, action) -> changes.add(new UnitChange(unit, action)));
    changes.addAll(undeclaredRunning(declared, inFleet));
    return List.copyOf(changes);
  }

  /**
   * Submits units fleet does not have yet, and replaces changed ones that do not run, without
   * starting anything. A changed unit that runs keeps its old file: replacing it would restart it,
   * and every replica of a service at once; {@link #start} rolls it one replica at a time.
   */
  public List<UnitChange> submit(List<DeclaredUnit> declared) {
    Map<String, FleetUnit> existing = byName(fleet.units());
    List<UnitChange> changes = new ArrayList<>();
    for (DeclaredUnit unit : declared) {
      FleetUnit current = existing.get(unit.name());
      if (current == null) {
        fleet.create(unit.name(), unit.options(), DesiredState.INACTIVE);
        changes.add(new UnitChange(unit.name(), UnitAction.SUBMIT));
      } else if (!current.options().equals(unit.options())
          && DesiredState.LAUNCHED.wire().equals(current.desiredState())) {
        changes.add(new UnitChange(unit.name(), UnitAction.KEEP_RUNNING));
      } else if (!current.options().equals(unit.options())) {
        replace(unit, DesiredState.fromWire(current.desiredState()).orElse(DesiredState.INACTIVE));
        changes.add(new UnitChange(unit.name(), UnitAction.REPLACE));
      } else {
        changes.add(new UnitChange(unit.name(), UnitAction.UNCHANGED));
      }
    }
    return List.copyOf(changes);
  }

  /**
   * Submits where needed and launches every non-template unit; changed running instances roll one
   * at a time, each with the running units that systemd stops with it ({@link #replica}).
   */
  public List<UnitChange> start(List<DeclaredUnit> declared) {
    Map<String, FleetUnit> existing = byName(fleet.units());
    List<UnitChange> changes = new ArrayList<>();
    Set<String> rolled = new HashSet<>();
    for (DeclaredUnit unit : declared) {
      if (rolled.contains(unit.name())) {
        continue;
      }
      FleetUnit current = existing.get(unit.name());
      UnitAction action = decide(unit, DesiredState.LAUNCHED, current);
      DesiredState target = targetFor(unit, DesiredState.LAUNCHED);
      if (action == UnitAction.REPLACE && isRunningInstance(unit, current)) {
        List<DeclaredUnit> replica = replica(unit, declared, existing);
        roll(unit, replica, declared, existing, changes);
        Set<String> names = replica.stream().map(DeclaredUnit::name).collect(Collectors.toSet());
        changes.removeIf(change -> names.contains(change.unit()));
        for (DeclaredUnit member : replica) {
          boolean changed = !existing.get(member.name()).options().equals(member.options());
          changes.add(
              new UnitChange(member.name(), changed ? UnitAction.REPLACE : UnitAction.RESTART));
          rolled.add(member.name());
        }
        continue;
      }
      switch (action) {
        case SUBMIT, START -> {
          if (existing.containsKey(unit.name())) {
            fleet.setDesiredState(unit.name(), target);
          } else {
            fleet.create(unit.name(), unit.options(), target);
          }
        }
        case REPLACE -> replace(unit, target);
        default -> {
          // already as declared
        }
      }
      changes.add(new UnitChange(unit.name(), action));
    }
    return List.copyOf(changes);
  }

  /** {@link #start}, then stops running units the cluster no longer declares; what deploy does. */
  public List<UnitChange> reconcile(List<DeclaredUnit> declared) {
    List<UnitChange> changes = new ArrayList<>(start(declared));
    for (UnitChange stop : undeclaredRunning(declared, fleet.units())) {
      fleet.setDesiredState(stop.unit(), DesiredState.LOADED);
      changes.add(stop);
    }
    return List.copyOf(changes);
  }

  /** Stops running units; they stay loaded in fleet. Templates are never running. */
  public List<UnitChange> stop(List<DeclaredUnit> declared) {
    Map<String, FleetUnit> existing = byName(fleet.units());
    List<UnitChange> changes = new ArrayList<>();
    for (DeclaredUnit unit : declared) {
      FleetUnit current = existing.get(unit.name());
      if (unit.template()) {
        continue;
      }
      if (current == null) {
        changes.add(new UnitChange(unit.name(), UnitAction.ABSENT));
      } else if (DesiredState.LAUNCHED.wire().equals(current.desiredState())) {
        fleet.setDesiredState(unit.name(), DesiredState.LOADED);
        changes.add(new UnitChange(unit.name(), UnitAction.STOP));
      } else {
        changes.add(new UnitChange(unit.name(), UnitAction.UNCHANGED));
      }
    }
    return List.copyOf(changes);
  }

  /** Removes the units from fleet, instances before their template. */
  public List<UnitChange> destroy(List<DeclaredUnit> declared) {
    List<DeclaredUnit> instancesFirst =
        new ArrayList<>(declared.stream().filter(u -> !u.template()).toList());
    instancesFirst.addAll(declared.stream().filter(DeclaredUnit::template).toList());
    List<UnitChange> changes = new ArrayList<>();
    for (DeclaredUnit unit : instancesFirst) {
      boolean removed = fleet.destroy(unit.name());
      changes.add(new UnitChange(unit.name(), removed ? UnitAction.DESTROY : UnitAction.ABSENT));
    }
    return List.copyOf(changes);
  }

  private static UnitAction decide(DeclaredUnit unit, DesiredState wanted, FleetUnit current) {
    if (current == null) {
      return unit.template() ? UnitAction.SUBMIT : UnitAction.START;
    }
    if (!current.options().equals(unit.options())) {
      return UnitAction.REPLACE;
    }
    if (!targetFor(unit, wanted).wire().equals(current.desiredState())) {
      return unit.template() ? UnitAction.SUBMIT : UnitAction.START;
    }
    return UnitAction.UNCHANGED;
  }

  private static DesiredState targetFor(DeclaredUnit unit, DesiredState wanted) {
    return unit.template() ? DesiredState.INACTIVE : wanted;
  }

  private static boolean isRunningInstance(DeclaredUnit unit, FleetUnit current) {
    return !unit.template()
        && unit.name().contains("@")
        && current != null
        && DesiredState.LAUNCHED.wire().equals(current.desiredState());
  }

  /**
   * The running instance {@code unit} and the running units systemd stops with it, directly or
   * through another ({@link DeclaredUnit#stopsWith()}: the generated app, ambassador and volume
   * units are bound to their pod, a presence unit to its app), in that order: what goes down when
   * {@code unit} is replaced, so what is replaced together. fleet never starts a unit again that
   * systemd stopped, and places a {@code MachineOf} unit only when it is submitted, so they are all
   * destroyed and submitted again, on the new instance's machine.
   */
  private static List<DeclaredUnit> replica(
      DeclaredUnit unit, List<DeclaredUnit> declared, Map<String, FleetUnit> existing) {
    List<DeclaredUnit> replica = new ArrayList<>(List.of(unit));
    Set<String> names = new HashSet<>(Set.of(unit.name()));
    for (int next = 0; next < replica.size(); next++) {
      String boundTo = replica.get(next).name();
      for (DeclaredUnit other : declared) {
        if (!names.contains(other.name())
            && !other.template()
            && other.stopsWith().contains(boundTo)
            && existing.containsKey(other.name())
            && DesiredState.LAUNCHED.wire().equals(existing.get(other.name()).desiredState())) {
          replica.add(other);
          names.add(other.name());
        }
      }
    }
    return List.copyOf(replica);
  }

  /**
   * Replaces one running instance with the units bound to it (the bound ones first down, last up)
   * and waits until fleet unloaded the old ones and each new one is up; throws, naming what is left
   * old, when one is not.
   */
  private void roll(
      DeclaredUnit unit,
      List<DeclaredUnit> replica,
      List<DeclaredUnit> declared,
      Map<String, FleetUnit> existing,
      List<UnitChange> done) {
    List<String> bound = replica.stream().skip(1).map(DeclaredUnit::name).toList();
    console.info(
        "Rolling update: replacing "
            + unit.name()
            + (bound.isEmpty() ? "" : " with the units bound to it: " + String.join(", ", bound)));
    Set<String> names = replica.stream().map(DeclaredUnit::name).collect(Collectors.toSet());
    Map<String, Set<String>> oldHashes =
        fleet.states().stream()
            .filter(s -> names.contains(s.name()))
            .collect(
                Collectors.groupingBy(
                    UnitState::name, Collectors.mapping(UnitState::hash, Collectors.toSet())));
    // Ctrl-C (or SIGTERM) between the destroy and the submit would leave the replica out of fleet:
    // submit it then
    Runnable submitReplica =
        () ->
            replica.forEach(
                member -> fleet.create(member.name(), member.options(), DesiredState.LAUNCHED));
    String replicaNames =
        replica.stream().map(DeclaredUnit::name).collect(Collectors.joining(", "));
    try (CtrlC submitting =
        console.restoreOnInterrupt(
            replicaNames + " submitted again (new unit file) and launched",
            submitReplica,
            "submit them again with `units start " + unit.service() + "`")) {
      for (int i = replica.size() - 1; i >= 0; i--) {
        fleet.setDesiredState(replica.get(i).name(), DesiredState.LOADED);
        fleet.destroy(replica.get(i).name());
      }
      Optional<String> failure = InstanceWatch.untilGone(fleet, console, names, timeout);
      if (failure.isPresent()) {
        throw stopped(unit, unit, failure.get(), declared, existing, done);
      }
      submitReplica.run();
    }
    for (DeclaredUnit member : replica) {
      if (member.upStates().isEmpty()) {
        console.info(
            member.name()
                + " is a oneshot without RemainAfterExit: fleet's state cannot show it done; not waited for");
        continue;
      }
      boolean changed = !existing.get(member.name()).options().equals(member.options());
      Optional<String> failure =
          InstanceWatch.untilUp(
              fleet,
              console,
              member,
              changed ? oldHashes.getOrDefault(member.name(), Set.of()) : Set.of(),
              timeout);
      if (failure.isPresent()) {
        throw stopped(unit, member, failure.get(), declared, existing, done);
      }
    }
  }

  private static DeployException stopped(
      DeclaredUnit unit,
      DeclaredUnit member,
      String failure,
      List<DeclaredUnit> declared,
      Map<String, FleetUnit> existing,
      List<UnitChange> done) {
    String template =
        unit.name().substring(0, unit.name().indexOf('@') + 1)
            + unit.name().substring(unit.name().lastIndexOf('.'));
    List<String> replaced =
        done.stream()
            .filter(c -> c.action() == UnitAction.REPLACE && sameTemplate(c.unit(), template))
            .map(UnitChange::unit)
            .toList();
    int at = declared.indexOf(unit);
    List<String> left =
        declared.subList(at + 1, declared.size()).stream()
            .filter(u -> sameTemplate(u.name(), template))
            .filter(
                u ->
                    existing.containsKey(u.name())
                        && !existing.get(u.name()).options().equals(u.options()))
            .map(DeclaredUnit::name)
            .toList();
    return new DeployException(
        "rolling update of "
            + template
            + " stopped at "
            + unit.name()
            + ": "
            + (member == unit ? "" : member.name() + ", bound to it, ")
            + failure
            + "."
            + (replaced.isEmpty()
                ? ""
                : " Replaced before it: " + String.join(", ", replaced) + ".")
            + (left.isEmpty() ? "" : " Left on the old unit file: " + String.join(", ", left) + ".")
            + " See `journalctl -u "
            + member.name()
            + "` on its machine (`status` shows which), fix the unit and run units start again");
  }

  private static boolean sameTemplate(String unitName, String template) {
    int at = unitName.indexOf('@');
    return at > 0 && template.startsWith(unitName.substring(0, at + 1)) && !unitName.contains("@.");
  }

  /**
   * One PUT with the new options, which fleet 1.0 takes as a replacement, once fleet has taken the
   * new file: destroying the unit first left nothing when fleet then refused the file. fleet judges
   * a file only when it creates a unit (a PUT that replaces one is not checked), so the file is
   * first submitted inactive under a name of its own and removed again; a file fleet refuses stops
   * here, the unit it would replace untouched.
   */
  private void replace(DeclaredUnit unit, DesiredState target) {
    checkFleetTakes(unit);
    fleet.create(unit.name(), unit.options(), targetFor(unit, target));
  }

  private void checkFleetTakes(DeclaredUnit unit) {
    String trial = "dev-check-" + unit.name();
    try {
      fleet.create(trial, unit.options(), DesiredState.INACTIVE);
    } catch (FleetException refused) {
      throw new FleetException(
          "PUT " + unit.name() + " (its new file, tried as " + trial + "; the unit is unchanged)",
          refused.status(),
          refused.fleetMessage());
    }
    fleet.destroy(trial);
  }

  private static List<UnitChange> undeclaredRunning(
      List<DeclaredUnit> declared, List<FleetUnit> inFleet) {
    Set<String> names = declared.stream().map(DeclaredUnit::name).collect(Collectors.toSet());
    return inFleet.stream()
        .filter(unit -> !names.contains(unit.name()))
        .filter(unit -> DesiredState.LAUNCHED.wire().equals(unit.desiredState()))
        .map(unit -> new UnitChange(unit.name(), UnitAction.STOP))
        .toList();
  }

  private static Map<String, FleetUnit> byName(List<FleetUnit> units) {
    return units.stream()
        .collect(Collectors.toMap(FleetUnit::name, Function.identity(), (a, b) -> b));
  }
}
