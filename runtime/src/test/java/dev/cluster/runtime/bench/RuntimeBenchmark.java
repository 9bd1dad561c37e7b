package dev.cluster.runtime.bench;

import dev.cluster.runtime.elect.Contenders;
import dev.cluster.runtime.elect.LeaderChildren;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.EtcdProxy;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FrozenMember;
import dev.cluster.runtime.testing.NamedEchoServer;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.volume.SyncthingReplicas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures the agents on real engines and prints Markdown rows for docs/BENCHMARKS.md: elect
 * handover (kill -9 and SIGTERM of the leader), Syncthing 1 MB propagation, a frozen etcd member
 * behind the local proxy (before/after). Patroni failover and pgbench through the ambassador run on
 * the project's own image: containers/bench/patroni-ha.sh. Run with runtime/bench/runtime-bench.sh
 * [RUNS].
 */
public final class RuntimeBenchmark {

  private static final int TTL = 5;

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    List<String> measures =
        args.length > 1
            ? List.of(args).subList(1, args.length)
            : List.of("elect", "syncthing", "frozen-etcd-member");
    Path work = Files.createTempDirectory("runtime-bench");
    System.out.println("| measure | runs | median | max | notes |");
    System.out.println("| --- | --- | --- | --- | --- |");
    try (EtcdCluster etcd = new EtcdCluster(3)) {
      etcd.start();
      if (measures.contains("elect")) {
        electHandover(etcd, runs, work, true);
        electHandover(etcd, runs, work, false);
      }
      if (measures.contains("syncthing")) {
        syncthingPropagation(etcd, runs, work);
      }
      if (measures.contains("frozen-etcd-member")) {
        frozenMemberBehindTheProxy(etcd, Math.min(runs, 3), work);
      }
    }
    System.out.println("\nlogs: " + work);
  }

  private static void electHandover(EtcdCluster etcd, int runs, Path work, boolean kill9)
      throws Exception {
    List<Duration> times = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      try (Processes processes = new Processes();
          LeaderChildren children =
              new LeaderChildren("bench-" + ProcessHandle.current().pid() + "-" + kill9 + run)) {
        Contenders contenders =
            new Contenders(
                processes, etcd.endpoints(), "bench-" + kill9 + "-" + run, TTL, work, children);
        List<Process> agents = List.of(contenders.start(0), contenders.start(1));
        int leader =
            children
                .awaitSole(Duration.ofSeconds(30), any -> true)
                .orElseThrow(() -> new IllegalStateException("no leader; logs in " + work));
        // not waiting for the old agent's exit: the handover is over when the other child runs
        Consumer<Process> stop = kill9 ? Process::destroyForcibly : Process::destroy;
        long start = System.nanoTime();
        stop.accept(agents.get(leader));
        require(
            Eventually.within(
                Duration.ofSeconds(3L * TTL),
                () -> children.running().equals(java.util.Set.of(1 - leader))),
            "no handover");
        times.add(Duration.ofNanos(System.nanoTime() - start));
        require(children.mostAtOnce() == 1 ? Duration.ZERO : null, "double leadership");
      }
    }
    row(
        "elect handover after " + (kill9 ? "kill -9" : "SIGTERM") + " of the leader",
        times,
        "lease TTL " + TTL + " s, 2 contenders");
  }

  private static void syncthingPropagation(EtcdCluster etcd, int runs, Path work) throws Exception {
    List<Duration> times = new ArrayList<>();
    try (Processes processes = new Processes()) {
      SyncthingReplicas replicas =
          new SyncthingReplicas(processes, etcd.endpoints(), work.resolve("syncthing"), 2);
      replicas.start(0);
      replicas.start(1);
      Path warmUp = replicas.dir(0).resolve("warm-up");
      require(
          Eventually.within(Duration.ofSeconds(20), () -> Files.isDirectory(replicas.dir(0))),
          "no replica");
      Files.writeString(warmUp, "connected?");
      require(
          Eventually.within(
              Duration.ofSeconds(60), () -> Files.exists(replicas.dir(1).resolve("warm-up"))),
          "replicas never connected");
      for (int run = 0; run < runs; run++) {
        byte[] data = new byte[1 << 20];
        new SecureRandom().nextBytes(data);
        Path source = replicas.dir(0).resolve("file-" + run + ".bin");
        Path copy = replicas.dir(1).resolve(source.getFileName());
        long start = System.nanoTime();
        Files.write(source, data);
        require(
            Eventually.within(
                Duration.ofSeconds(60),
                () ->
                    Files.exists(copy)
                        && SyncthingReplicas.sha256(copy).equals(SyncthingReplicas.sha256(source))),
            "not synced");
        times.add(Duration.ofNanos(System.nanoTime() - start));
      }
    }
    row(
        "Syncthing 1 MB file to the other replica",
        times,
        "fsWatcherDelayS=1, loopback, write to identical copy");
  }

  /**
   * Issue 18: the member carrying an agent's connection through the local etcd proxy frozen
   * (SIGSTOP), before (the proxy configuration and etcd client settings of branch point main:
   * {@code bench.before.classes} holds main's {@code Etcd} class, compiled by runtime-bench.sh) and
   * after, in the same run.
   */
  private static void frozenMemberBehindTheProxy(EtcdCluster etcd, int runs, Path work)
      throws Exception {
    Path mainsClient = Path.of(System.getProperty("bench.before.classes"));
    Duration giveUp = Duration.ofSeconds(60);
    FrozenMember before =
        new FrozenMember(
            etcd,
            work,
            (processes, args, log) -> processes.startAgent(mainsClient, args, log),
            Duration.ofSeconds(60));
    FrozenMember after = new FrozenMember(etcd, work, FrozenMember.AGENTS, Duration.ofSeconds(60));
    List<List<Duration>> absent = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Duration>> staleAtFreeze = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Duration>> staleLater = List.of(new ArrayList<>(), new ArrayList<>());
    for (int run = 0; run < runs; run++) {
      for (int variant = 0; variant < 2; variant++) {
        FrozenMember fault = variant == 0 ? before : after;
        try (Processes processes = new Processes();
            EtcdProxy proxy = proxy(etcd, work, variant)) {
          absent
              .get(variant)
              .add(fault.presence(processes, proxy, TTL, Duration.ofSeconds(20), giveUp).longest());
        }
        etcd.awaitHealthy();
        for (Duration moveAfter : List.of(Duration.ZERO, Duration.ofSeconds(TTL))) {
          try (Processes processes = new Processes();
              EtcdProxy proxy = proxy(etcd, work, variant);
              NamedEchoServer oldLeader = new NamedEchoServer("old-" + run);
              NamedEchoServer newLeader = new NamedEchoServer("new-" + run)) {
            (moveAfter.isZero() ? staleAtFreeze : staleLater)
                .get(variant)
                .add(
                    fault
                        .ambassador(processes, proxy, oldLeader, newLeader, moveAfter, giveUp)
                        .afterTheMove());
          }
          etcd.awaitHealthy();
          etcd.emptiedClient().close(); // the next run campaigns afresh
        }
      }
    }
    System.out.println();
    System.out.println(
        "| frozen etcd member (SIGSTOP) carrying the agent's connection, through the local proxy | runs"
            + " | before (main): median / max | after: median / max |");
    System.out.println("| --- | --- | --- | --- |");
    sideBySide("presence key absent (TTL " + TTL + " s)", absent);
    sideBySide(
        "ambassador on the old leader after the leader key moved at the freeze", staleAtFreeze);
    sideBySide(
        "ambassador on the old leader after the leader key moved " + TTL + " s into the freeze",
        staleLater);
  }

  /**
   * Branch point main's local etcd proxy: what its cluster-peers printed, with this run's
   * addresses.
   */
  /**
   * "after" is this tree's proxy configuration; "before" the base's own {@code etcd-proxy-config}
   * when it had one (runtime-bench.sh takes it from git), else what cluster-peers wrote before that
   * script existed.
   */
  private static EtcdProxy proxy(EtcdCluster etcd, Path work, int variant) {
    if (variant == 1) {
      return new EtcdProxy(etcd, work);
    }
    Path basesScript = Path.of(System.getProperty("bench.before.proxy-script", ""));
    if (Files.isRegularFile(basesScript)) {
      return new EtcdProxy(etcd, work, bind -> EtcdProxy.render(etcd, bind, basesScript));
    }
    return new EtcdProxy(
        etcd,
        work,
        bind -> {
          StringBuilder config =
              new StringBuilder(
                  "global\n  maxconn 4096\ndefaults\n  mode tcp\n  timeout connect 5s\n"
                      + "  timeout client 1h\n  timeout server 1h\nlisten etcd\n  bind "
                      + bind
                      + "\n  option httpchk GET /health\n");
          for (int i = 0; i < etcd.size(); i++) {
            config
                .append("  server ")
                .append(etcd.name(i))
                .append(" 127.0.0.1:")
                .append(etcd.clientPort(i))
                .append(" check\n");
          }
          return config.toString();
        });
  }

  private static void sideBySide(String measure, List<List<Duration>> beforeAndAfter) {
    System.out.printf(
        "| %s | %d | %s | %s |%n",
        measure,
        beforeAndAfter.get(0).size(),
        medianAndMax(beforeAndAfter.get(0)),
        medianAndMax(beforeAndAfter.get(1)));
  }

  private static String medianAndMax(List<Duration> times) {
    List<Duration> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    return String.format(
        "%.1f s / %.1f s",
        sorted.get(sorted.size() / 2).toMillis() / 1000.0,
        sorted.get(sorted.size() - 1).toMillis() / 1000.0);
  }

  private static void row(String measure, List<Duration> times, String notes) {
    List<Duration> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    System.out.printf(
        "| %s | %d | %d ms | %d ms | %s |%n",
        measure,
        sorted.size(),
        sorted.get(sorted.size() / 2).toMillis(),
        sorted.get(sorted.size() - 1).toMillis(),
        notes);
  }

  private static void require(Duration measured, String failure) {
    if (measured == null) {
      throw new IllegalStateException(failure);
    }
  }

  private RuntimeBenchmark() {}
}
