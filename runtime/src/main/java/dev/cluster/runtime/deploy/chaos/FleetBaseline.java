package dev.cluster.runtime.deploy.chaos;

import dev.cluster.runtime.deploy.fleet.DeclaredUnit;
import dev.cluster.runtime.deploy.fleet.DesiredState;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.FleetMachine;
import dev.cluster.runtime.deploy.fleet.FleetUnit;
import dev.cluster.runtime.deploy.fleet.UnitState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * fleet's units as they were before chaos struck: the cluster is whole again when every one of them
 * is back in fleet with the same desired state, and each launched one is up (fleet's /state says
 * active/running, or active/exited for a RemainAfterExit oneshot such as a generated pod). Units
 * someone had stopped on purpose stay out of the way: they were not launched.
 */
record FleetBaseline(Map<String, String> desiredStates) {
  FleetBaseline {
    desiredStates = Map.copyOf(desiredStates);
  }

  static FleetBaseline of(FleetClient fleet) {
    Map<String, String> states = new LinkedHashMap<>();
    fleet.units().forEach(unit -> states.put(unit.name(), unit.desiredState()));
    return new FleetBaseline(states);
  }

  /** What is still missing, as "unit (why)"; empty once fleet is whole again. */
  List<String> missing(FleetClient fleet) {
    List<FleetUnit> units = fleet.units();
    Map<String, String> now =
        units.stream()
            .collect(Collectors.toMap(FleetUnit::name, FleetUnit::desiredState, (a, b) -> b));
    // up as the unit's own options say: active/running, or active/exited for a RemainAfterExit
    // oneshot (a pod)
    Map<String, Set<String>> upStates =
        units.stream()
            .collect(
                Collectors.toMap(
                    FleetUnit::name, u -> DeclaredUnit.upStates(u.options()), (a, b) -> b));
    // A state from a machine fleet no longer lists is a dead machine's last word, not a running
    // unit.
    Set<String> machines =
        fleet.machines().stream().map(FleetMachine::id).collect(Collectors.toSet());
    Set<String> running =
        fleet.states().stream()
            .filter(
                s ->
                    upStates
                        .getOrDefault(s.name(), Set.of())
                        .contains(s.systemdActiveState() + "/" + s.systemdSubState()))
            .filter(s -> machines.contains(s.machineID()))
            .map(UnitState::name)
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    desiredStates.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              String unit = entry.getKey();
              String desired = entry.getValue();
              if (!now.containsKey(unit)) {
                missing.add(unit + " (not in fleet)");
              } else if (!desired.equals(now.get(unit))) {
                missing.add(unit + " (desired " + now.get(unit) + ", was " + desired + ")");
              } else if (DesiredState.LAUNCHED.wire().equals(desired) && !running.contains(unit)) {
                missing.add(unit + " (not running yet)");
              }
            });
    return missing;
  }
}
