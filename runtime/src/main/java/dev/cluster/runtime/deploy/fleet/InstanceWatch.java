package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Waits until systemd runs a unit, as fleet's unit states report it ({@code /state}: active/running
 * on some machine). The runtime's presence keys in etcd would say more (the service answers), but
 * they are the agents' business; fleet's state is what the deploy client can read.
 */
final class InstanceWatch {
    private InstanceWatch() {
    }

    /**
     * Empty once the unit runs; else why it does not (failed, or not running within the timeout). States
     * whose hash is one of {@code oldHashes} are the replaced unit's, which fleet may still report for a
     * moment after it was destroyed: they count neither as running nor as failed.
     */
    static Optional<String> untilRunning(FleetClient fleet, Console console, String unit, Set<String> oldHashes, Duration timeout) {
        try (Wait wait = console.startWait("Waiting for " + unit + " to run",
                "fleet goes on starting it; see `status`, then run units start again to roll the rest")) {
            String last = "not reported by any machine yet";
            while (true) {
                List<UnitState> states = fleet.states().stream()
                        .filter(s -> unit.equals(s.name()) && !oldHashes.contains(s.hash())).toList();
                for (UnitState state : states) {
                    String seen = state.systemdActiveState() + "/" + state.systemdSubState();
                    if ("failed".equals(state.systemdActiveState())) {
                        return Optional.of("systemd reports it " + seen + " on machine " + state.machineID()
                                + " after " + wait.elapsed().toSeconds() + "s");
                    }
                    if ("active".equals(state.systemdActiveState()) && "running".equals(state.systemdSubState())) {
                        return Optional.empty();
                    }
                    last = seen + " on machine " + state.machineID();
                }
                wait.status(last);
                if (wait.elapsed().compareTo(timeout) > 0) {
                    return Optional.of("not running within " + timeout.toSeconds() + "s (last state: " + last + ")");
                }
                wait.pause();
            }
        }
    }
}
