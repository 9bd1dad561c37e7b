package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.cli.Invocation;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.DeployException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings fleet's units to what the cluster declares. A unit whose file changed is destroyed and
 * submitted again, because fleet refuses new options for a unit it already has. Templates stay
 * inactive (fleet cannot launch a template); their instances carry the template's options.
 *
 * <p>Running instances of a changed template are replaced one at a time (a rolling update): instance
 * i is stopped, destroyed, submitted with the new options and launched, and the next one waits until
 * fleet's unit state says systemd runs instance i ({@code active/running}). An instance that fails, or
 * does not run within the timeout, stops the roll: the instances after it keep the old unit file.
 */
public final class UnitOperations {
    /** How long a rolling update waits for one instance, and chaos for the cluster, unless --timeout says otherwise. */
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
        throw new UsageException("--timeout takes a number of seconds above 0, got '" + value.get() + "'");
    }

    /** What {@link #start} would do, without changing anything. */
    public static List<UnitChange> planStart(List<DeclaredUnit> declared, List<FleetUnit> inFleet) {
        Map<String, FleetUnit> existing = byName(inFleet);
        List<UnitChange> changes = new ArrayList<>();
        for (DeclaredUnit unit : declared) {
            changes.add(new UnitChange(unit.name(), decide(unit, DesiredState.LAUNCHED, existing.get(unit.name()))));
        }
        changes.addAll(undeclaredRunning(declared, inFleet));
        return List.copyOf(changes);
    }

    /** Submits units fleet does not have yet (and replaces changed ones) without starting anything. */
    public List<UnitChange> submit(List<DeclaredUnit> declared) {
        Map<String, FleetUnit> existing = byName(fleet.units());
        List<UnitChange> changes = new ArrayList<>();
        for (DeclaredUnit unit : declared) {
            FleetUnit current = existing.get(unit.name());
            if (current == null) {
                fleet.create(unit.name(), unit.options(), DesiredState.INACTIVE);
                changes.add(new UnitChange(unit.name(), UnitAction.SUBMIT));
            } else if (!current.options().equals(unit.options())) {
                replace(unit, DesiredState.fromWire(current.desiredState()).orElse(DesiredState.INACTIVE));
                changes.add(new UnitChange(unit.name(), UnitAction.REPLACE));
            } else {
                changes.add(new UnitChange(unit.name(), UnitAction.UNCHANGED));
            }
        }
        return List.copyOf(changes);
    }

    /** Submits where needed and launches every non-template unit; changed running instances roll one at a time. */
    public List<UnitChange> start(List<DeclaredUnit> declared) {
        Map<String, FleetUnit> existing = byName(fleet.units());
        List<UnitChange> changes = new ArrayList<>();
        for (DeclaredUnit unit : declared) {
            FleetUnit current = existing.get(unit.name());
            UnitAction action = decide(unit, DesiredState.LAUNCHED, current);
            DesiredState target = targetFor(unit, DesiredState.LAUNCHED);
            if (action == UnitAction.REPLACE && isRunningInstance(unit, current)) {
                roll(unit, declared, existing, changes);
                changes.add(new UnitChange(unit.name(), action));
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
        List<DeclaredUnit> instancesFirst = new ArrayList<>(declared.stream().filter(u -> !u.template()).toList());
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
        return !unit.template() && unit.name().contains("@") && current != null
                && DesiredState.LAUNCHED.wire().equals(current.desiredState());
    }

    /** Replaces one running instance and waits until it runs; throws, naming what is left old, when it does not. */
    private void roll(DeclaredUnit unit, List<DeclaredUnit> declared, Map<String, FleetUnit> existing, List<UnitChange> done) {
        console.info("Rolling update: replacing " + unit.name());
        Set<String> oldHashes = fleet.states().stream().filter(s -> unit.name().equals(s.name()))
                .map(UnitState::hash).collect(Collectors.toSet());
        fleet.setDesiredState(unit.name(), DesiredState.LOADED);
        fleet.destroy(unit.name());
        fleet.create(unit.name(), unit.options(), DesiredState.LAUNCHED);
        Optional<String> failure = InstanceWatch.untilRunning(fleet, console, unit.name(), oldHashes, timeout);
        if (failure.isEmpty()) {
            return;
        }
        String template = unit.name().substring(0, unit.name().indexOf('@') + 1) + unit.name().substring(unit.name().lastIndexOf('.'));
        List<String> replaced = done.stream().filter(c -> c.action() == UnitAction.REPLACE && sameTemplate(c.unit(), template))
                .map(UnitChange::unit).toList();
        int at = declared.indexOf(unit);
        List<String> left = declared.subList(at + 1, declared.size()).stream()
                .filter(u -> sameTemplate(u.name(), template))
                .filter(u -> existing.containsKey(u.name()) && !existing.get(u.name()).options().equals(u.options()))
                .map(DeclaredUnit::name).toList();
        throw new DeployException("rolling update of " + template + " stopped at " + unit.name() + ": "
                + failure.get() + "."
                + (replaced.isEmpty() ? "" : " Replaced before it: " + String.join(", ", replaced) + ".")
                + (left.isEmpty() ? "" : " Left on the old unit file: " + String.join(", ", left) + ".")
                + " See `journalctl -u " + unit.name() + "` on its machine (`status` shows which), fix the unit and run units start again");
    }

    private static boolean sameTemplate(String unitName, String template) {
        int at = unitName.indexOf('@');
        return at > 0 && template.startsWith(unitName.substring(0, at + 1)) && !unitName.contains("@.");
    }

    private void replace(DeclaredUnit unit, DesiredState target) {
        fleet.destroy(unit.name());
        fleet.create(unit.name(), unit.options(), targetFor(unit, target));
    }

    private static List<UnitChange> undeclaredRunning(List<DeclaredUnit> declared, List<FleetUnit> inFleet) {
        Set<String> names = declared.stream().map(DeclaredUnit::name).collect(Collectors.toSet());
        return inFleet.stream()
                .filter(unit -> !names.contains(unit.name()))
                .filter(unit -> DesiredState.LAUNCHED.wire().equals(unit.desiredState()))
                .map(unit -> new UnitChange(unit.name(), UnitAction.STOP))
                .toList();
    }

    private static Map<String, FleetUnit> byName(List<FleetUnit> units) {
        return units.stream().collect(Collectors.toMap(FleetUnit::name, Function.identity(), (a, b) -> b));
    }
}
