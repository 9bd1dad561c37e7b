package dev.cluster.runtime.bench;

import dev.cluster.runtime.elect.Contenders;
import dev.cluster.runtime.elect.Freezer;
import dev.cluster.runtime.elect.LeaderChildren;
import dev.cluster.runtime.testing.BusyLoops;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.Restarting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * elect under the faults of issue 18, the runtime before a change and after it, side by side in one
 * run on one etcd cluster: the split-brain window (two children running, sampled on their state)
 * when the leader's JVM alone, or its whole process tree, is frozen for twice the TTL; the time
 * until a stable leader (one child that stays alone for two TTLs) when three contenders start on a
 * machine with two busy loops per core; and what the takeover delay costs, the handover after kill
 * -9 of the leader. Agents that exit are restarted 5 s later, as the generated units' {@code
 * Restart=always}, {@code RestartSec=5} do. Prints Markdown rows for docs/BENCHMARKS.md. Run with
 * runtime/bench/elect-faults-bench.sh [RUNS].
 */
public final class ElectFaultsBenchmark {

  private static final int TTL = 5;
  private static final Duration STABLE_FOR = Duration.ofSeconds(2L * TTL);
  private static final Duration GIVE_UP = Duration.ofSeconds(120);

  /**
   * A build of the runtime: this one (the benchmark's class path), or another's classes put first.
   */
  private record Build(String label, Optional<Path> classesFirst) {

    Process start(Contenders contenders, int contender, List<String> command) {
      return classesFirst
          .map(classes -> contenders.start(classes, contender, List.of(), command))
          .orElseGet(() -> contenders.start(contender, List.of(), command));
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    List<Build> builds =
        List.of(
            new Build("before", Optional.of(Path.of(args[1]))),
            new Build("after", Optional.empty()));
    Path work = Files.createTempDirectory("elect-faults-bench");
    System.out.println("| measure | build | runs | median | max | notes |");
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    try (EtcdCluster etcd = new EtcdCluster(3)) {
      etcd.start();
      for (Build build : builds) {
        measure(
            build,
            runs,
            "split-brain window, leader's JVM frozen 2 x TTL",
            run -> frozen(etcd, work, build, "jvm-" + run, List::of),
            "lease TTL " + TTL + " s, 2 contenders, time two children ran at once");
      }
      for (Build build : builds) {
        measure(
            build,
            runs,
            "split-brain window, leader's process tree frozen 2 x TTL",
            run -> frozen(etcd, work, build, "tree-" + run, Freezer::tree),
            "agent, watchdog and child stopped together, as a frozen machine");
      }
      for (Build build : builds) {
        measure(
            build,
            runs,
            "time to a stable leader under CPU load",
            run -> stableLeaderUnderLoad(etcd, work, build, "load-" + run),
            "3 contenders started together, 2 busy loops per core; stable = alone for "
                + STABLE_FOR.toSeconds()
                + " s; gave up after "
                + GIVE_UP.toSeconds()
                + " s");
      }
      for (Build build : builds) {
        measure(
            build,
            runs,
            "handover after kill -9 of the leader",
            run -> handoverAfterKill9(etcd, work, build, "kill9-" + run),
            "from the kill to the other child running: the lease's TTL, then (after) the takeover delay");
      }
    }
    System.out.println("\nlogs: " + work);
  }

  private interface Run {
    Optional<Duration> measure(int run) throws Exception;
  }

  private static void measure(Build build, int runs, String measure, Run run, String notes)
      throws Exception {
    List<Duration> times = new ArrayList<>();
    int none = 0;
    for (int i = 0; i < runs; i++) {
      Optional<Duration> measured = run.measure(i);
      if (measured.isPresent()) {
        times.add(measured.get());
      } else {
        none++;
      }
    }
    Collections.sort(times);
    String median = times.isEmpty() ? "-" : times.get(times.size() / 2).toMillis() + " ms";
    String max = times.isEmpty() ? "-" : times.get(times.size() - 1).toMillis() + " ms";
    System.out.printf(
        "| %s | %s | %d | %s | %s | %s%s |%n",
        measure,
        build.label(),
        runs,
        median,
        max,
        notes,
        none == 0 ? "" : "; " + none + " run(s) without a result");
  }

  /**
   * What one run does to the leader of two contenders, given their children, the leader's index and
   * its agent.
   */
  @FunctionalInterface
  private interface LeaderFault {
    Optional<Duration> apply(LeaderChildren children, int leader, ProcessHandle agent)
        throws Exception;
  }

  /**
   * Starts two contenders of {@code build}, waits for a leader and hands it to {@code fault}; empty
   * without one.
   */
  private static Optional<Duration> onTheLeader(
      EtcdCluster etcd, Path work, Build build, String name, LeaderFault fault) throws Exception {
    String election = build.label() + "-" + name;
    try (Processes processes = new Processes();
        LeaderChildren children =
            new LeaderChildren("bench-" + ProcessHandle.current().pid() + "-" + election)) {
      try (Restarting restarting = contend(processes, etcd, work, build, election, children, 2)) {
        Optional<Integer> leader = children.awaitSole(GIVE_UP, any -> true);
        Optional<ProcessHandle> agent = leader.flatMap(children::agentOf);
        if (agent.isEmpty()) {
          return Optional.empty();
        }
        return fault.apply(children, leader.get(), agent.get());
      }
    }
  }

  /**
   * Freezes the leader's processes for 2 x TTL, resumes them, and reports how long two children ran
   * at once.
   */
  private static Optional<Duration> frozen(
      EtcdCluster etcd,
      Path work,
      Build build,
      String name,
      Function<ProcessHandle, List<ProcessHandle>> frozen)
      throws Exception {
    return onTheLeader(
        etcd,
        work,
        build,
        name,
        (children, leader, agent) -> {
          List<ProcessHandle> processesFrozen = frozen.apply(agent);
          System.err.println(
              build.label()
                  + "-"
                  + name
                  + ": freezing "
                  + processesFrozen.stream()
                      .map(p -> p.pid() + " " + p.info().command().orElse("?"))
                      .toList());
          Freezer.freeze(processesFrozen);
          Thread.sleep(2L * TTL * 1000);
          Freezer.resume(processesFrozen);
          if (children.awaitSole(GIVE_UP, contender -> contender != leader).isEmpty()) {
            System.err.println(
                "no takeover after the freeze of " + agent.pid() + "; logs in " + work);
            return Optional.empty();
          }
          Thread.sleep(500);
          return Optional.of(children.overlap());
        });
  }

  /**
   * From the agents' start until the first leader whose child then stays the only one for {@link
   * #STABLE_FOR}.
   */
  private static Optional<Duration> stableLeaderUnderLoad(
      EtcdCluster etcd, Path work, Build build, String name) throws Exception {
    String election = build.label() + "-" + name;
    try (Processes processes = new Processes();
        BusyLoops load = new BusyLoops(work.resolve("busy-loop.log"));
        LeaderChildren children =
            new LeaderChildren("bench-" + ProcessHandle.current().pid() + "-" + election)) {
      long start = System.nanoTime();
      try (Restarting restarting = contend(processes, etcd, work, build, election, children, 3)) {
        long[] soleSince = {-1};
        Set<?>[] sole = {Set.of()};
        Duration settled =
            Eventually.within(
                GIVE_UP,
                () -> {
                  Set<Integer> now = children.running();
                  long at = System.nanoTime();
                  if (now.size() != 1 || !now.equals(sole[0])) {
                    sole[0] = now;
                    soleSince[0] = now.size() == 1 ? at : -1;
                    return false;
                  }
                  return at - soleSince[0] >= STABLE_FOR.toNanos();
                });
        return settled == null
            ? Optional.empty()
            : Optional.of(Duration.ofNanos(soleSince[0] - start));
      }
    }
  }

  private static Optional<Duration> handoverAfterKill9(
      EtcdCluster etcd, Path work, Build build, String name) throws Exception {
    return onTheLeader(
        etcd,
        work,
        build,
        name,
        (children, leader, agent) -> {
          long killed = System.nanoTime();
          agent.destroyForcibly();
          return children
              .awaitSole(GIVE_UP, contender -> contender != leader)
              .map(other -> Duration.ofNanos(System.nanoTime() - killed));
        });
  }

  /**
   * Contenders 0..n-1 of one build, each restarted 5 s after it exits (closed before the processes
   * are killed).
   */
  private static Restarting contend(
      Processes processes,
      EtcdCluster etcd,
      Path work,
      Build build,
      String election,
      LeaderChildren children,
      int n) {
    Contenders contenders =
        new Contenders(processes, etcd.endpoints(), election, TTL, work, children);
    Restarting restarting = new Restarting(Duration.ofSeconds(5));
    for (int i = 0; i < n; i++) {
      int contender = i;
      restarting.keep(
          election + "-" + i,
          () -> build.start(contenders, contender, children.command(contender)));
    }
    return restarting;
  }

  private ElectFaultsBenchmark() {}
}
