package dev.cluster.runtime.deploy.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings fleet's units to what the cluster declares. A unit whose file changed is destroyed and
 * submitted again, because fleet refuses new options for a unit it already has. Templates stay
 * inactive (fleet cannot launch a template); their instances carry the template's options.
 */
public final class UnitOperations {
    private final FleetClient fleet;

    public UnitOperations(FleetClient fleet) {
        this.fleet = fleet;
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

    /** Submits where needed and launches every non-template unit. */
    public List<UnitChange> start(List<DeclaredUnit> declared) {
        Map<String, FleetUnit> existing = byName(fleet.units());
        List<UnitChange> changes = new ArrayList<>();
        for (DeclaredUnit unit : declared) {
            UnitAction action = decide(unit, DesiredState.LAUNCHED, existing.get(unit.name()));
            DesiredState target = targetFor(unit, DesiredState.LAUNCHED);
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
