package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Waits on fleet's unit states ({@code /state}, what systemd reports on each machine): until a unit
 * is up, in one of its {@link DeclaredUnit#upStates() up states} ({@code active/running}, or {@code
 * active/exited} for a {@code RemainAfterExit} unit such as a generated pod), or until fleet's
 * agents have unloaded destroyed units. The runtime's presence keys in etcd would say more (the
 * service answers), but they are the agents' business; fleet's state is what the deploy client can
 * read.
 */
final class InstanceWatch {
  private InstanceWatch() {}

  /**
   * Empty once the unit is up; else why it is not (failed, or not up within the timeout). States
   * whose hash is one of {@code oldHashes} are the replaced unit's, which fleet may still report
   * for a moment after it was destroyed: they count neither as up nor as failed.
   */
  static Optional<String> untilUp(
      FleetClient fleet,
      Console console,
      DeclaredUnit unit,
      Set<String> oldHashes,
      Duration timeout) {
    Set<String> up = unit.upStates();
    String wanted = String.join(" or ", new TreeSet<>(up));
    try (Wait wait =
        console.startWait(
            "Waiting for " + unit.name() + " to be up (" + wanted + ")",
            "fleet goes on starting it; see `status`, then run units start again to roll the rest")) {
      String last = "not reported by any machine yet";
      while (true) {
        List<UnitState> states =
            fleet.states().stream()
                .filter(s -> unit.name().equals(s.name()) && !oldHashes.contains(s.hash()))
                .toList();
        for (UnitState state : states) {
          String seen = state.systemdActiveState() + "/" + state.systemdSubState();
          if ("failed".equals(state.systemdActiveState())) {
            return Optional.of(
                "systemd reports it "
                    + seen
                    + " on machine "
                    + state.machineID()
                    + " after "
                    + wait.elapsed().toSeconds()
                    + "s");
          }
          if (up.contains(seen)) {
            return Optional.empty();
          }
          last = seen + " on machine " + state.machineID();
        }
        wait.status(last);
        if (wait.elapsed().compareTo(timeout) > 0) {
          return Optional.of(
              "not up ("
                  + wanted
                  + ") within "
                  + timeout.toSeconds()
                  + "s (last state: "
                  + last
                  + ")");
        }
        wait.pause();
      }
    }
  }

  /**
   * How many reads of /state in a row must show none of the destroyed units before they count as
   * unloaded.
   */
  private static final int GONE_READS = 3;

  /**
   * Empty once no machine reports any of {@code units} any more (fleet's agents unloaded them after
   * they were destroyed); else which are still reported after the timeout. A state reported after
   * this returns is a new one. Real fleet's /state can leave out a loaded machine's states for a
   * moment (its agent publishes them again), so one read without them is not enough: {@value
   * #GONE_READS} in a row are.
   */
  static Optional<String> untilGone(
      FleetClient fleet, Console console, Set<String> units, Duration timeout) {
    try (Wait wait =
        console.startWait(
            "Waiting for fleet to unload " + String.join(", ", new TreeSet<>(units)),
            "fleet goes on unloading them; see `status`, then run units start again")) {
      int readsWithout = 0;
      while (true) {
        List<String> left =
            fleet.states().stream()
                .map(UnitState::name)
                .filter(units::contains)
                .distinct()
                .sorted()
                .toList();
        readsWithout = left.isEmpty() ? readsWithout + 1 : 0;
        if (readsWithout >= GONE_READS) {
          return Optional.empty();
        }
        wait.status(
            left.isEmpty()
                ? "unloaded, checking again"
                : "still loaded: " + String.join(", ", left));
        if (!left.isEmpty() && wait.elapsed().compareTo(timeout) > 0) {
          return Optional.of(
              "fleet still reports "
                  + String.join(", ", left)
                  + " loaded "
                  + timeout.toSeconds()
                  + "s after they were destroyed");
        }
        wait.pause();
      }
    }
  }
}
