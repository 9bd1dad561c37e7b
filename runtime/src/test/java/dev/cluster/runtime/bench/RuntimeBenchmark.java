package dev.cluster.runtime.bench;

import dev.cluster.runtime.elect.Contenders;
import dev.cluster.runtime.elect.LeaderChildren;
import dev.cluster.runtime.patroni.PatroniCluster;
import dev.cluster.runtime.patroni.PatroniMember;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.TrixieRoot;
import dev.cluster.runtime.volume.SyncthingReplicas;
import io.etcd.jetcd.Client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the agents on real engines and prints Markdown rows for docs/BENCHMARKS.md: elect handover (kill -9
 * and SIGTERM of the leader), pgbench direct vs through the ambassador, Syncthing 1 MB propagation.
 * Run with runtime/bench/runtime-bench.sh [RUNS].
 */
public final class RuntimeBenchmark {

    private static final int TTL = 5;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("runtime-bench");
        System.out.println("| measure | runs | median | max | notes |");
        System.out.println("| --- | --- | --- | --- | --- |");
        try (EtcdCluster etcd = new EtcdCluster(3)) {
            etcd.start();
            electHandover(etcd, runs, work, true);
            electHandover(etcd, runs, work, false);
            syncthingPropagation(etcd, runs, work);
            pgbench(etcd, work);
        }
        System.out.println("\nlogs: " + work);
    }

    private static void electHandover(EtcdCluster etcd, int runs, Path work, boolean kill9) throws Exception {
        List<Duration> times = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            try (Processes processes = new Processes();
                 LeaderChildren children = new LeaderChildren("bench-" + ProcessHandle.current().pid() + "-" + kill9 + run)) {
                Contenders contenders = new Contenders(processes, etcd.endpoints(), "bench-" + kill9 + "-" + run, TTL, work,
                        children);
                List<Process> agents = List.of(contenders.start(0), contenders.start(1));
                require(Eventually.within(Duration.ofSeconds(30), () -> children.running().size() == 1), "no leader; logs in " + work);
                int leader = children.running().iterator().next();
                // not waiting for the old agent's exit: the handover is over when the other child runs
                Consumer<Process> stop = kill9 ? Process::destroyForcibly : Process::destroy;
                long start = System.nanoTime();
                stop.accept(agents.get(leader));
                require(Eventually.within(Duration.ofSeconds(3L * TTL), () -> children.running().equals(java.util.Set.of(1 - leader))),
                        "no handover");
                times.add(Duration.ofNanos(System.nanoTime() - start));
                require(children.mostAtOnce() == 1 ? Duration.ZERO : null, "double leadership");
            }
        }
        row("elect handover after " + (kill9 ? "kill -9" : "SIGTERM") + " of the leader", times,
                "lease TTL " + TTL + " s, 2 contenders");
    }

    private static void syncthingPropagation(EtcdCluster etcd, int runs, Path work) throws Exception {
        List<Duration> times = new ArrayList<>();
        try (Processes processes = new Processes()) {
            SyncthingReplicas replicas = new SyncthingReplicas(processes, etcd.endpoints(), work.resolve("syncthing"), 2);
            replicas.start(0);
            replicas.start(1);
            Path warmUp = replicas.dir(0).resolve("warm-up");
            require(Eventually.within(Duration.ofSeconds(20), () -> Files.isDirectory(replicas.dir(0))), "no replica");
            Files.writeString(warmUp, "connected?");
            require(Eventually.within(Duration.ofSeconds(60), () -> Files.exists(replicas.dir(1).resolve("warm-up"))),
                    "replicas never connected");
            for (int run = 0; run < runs; run++) {
                byte[] data = new byte[1 << 20];
                new SecureRandom().nextBytes(data);
                Path source = replicas.dir(0).resolve("file-" + run + ".bin");
                Path copy = replicas.dir(1).resolve(source.getFileName());
                long start = System.nanoTime();
                Files.write(source, data);
                require(Eventually.within(Duration.ofSeconds(60), () -> Files.exists(copy)
                        && SyncthingReplicas.sha256(copy).equals(SyncthingReplicas.sha256(source))), "not synced");
                times.add(Duration.ofNanos(System.nanoTime() - start));
            }
        }
        row("Syncthing 1 MB file to the other replica", times, "fsWatcherDelayS=1, loopback, write to identical copy");
    }

    private static void pgbench(EtcdCluster etcd, Path work) throws Exception {
        TrixieRoot root = TrixieRoot.require();
        try (PatroniCluster cluster = new PatroniCluster(root, 1, etcd.endpoints(), work);
             Processes ambassador = new Processes(); Client client = etcd.client()) {
            cluster.startAll();
            String primary = cluster.awaitPrimary(Duration.ofSeconds(60));
            PatroniMember member = cluster.member(primary);
            int port = FreePorts.next();
            Path config = work.resolve("pgbench-ambassador.json");
            Files.writeString(config, """
                    {"name": "postgres", "listenPort": %d, "mode": "leader", "target": {"kind": "patroni", "scope": "pg"}}"""
                    .formatted(port));
            ambassador.startAgent(List.of("ambassador", "--etcd", etcd.endpoints(), "--config", config.toString(),
                    "--run-dir", work.resolve("ambassador").toString()), work.resolve("ambassador.log"));
            pgbenchRun(root, member.postgresHost(), member.postgresPort(), List.of("-i", "-s", "10", "-q"));
            require(Eventually.within(Duration.ofSeconds(20), () ->
                    pgbenchRun(root, "127.0.0.1", port, List.of("-c", "1", "-T", "1", "-S")) != null), "no ambassador");
            pgbenchRun(root, member.postgresHost(), member.postgresPort(), List.of("-c", "4", "-j", "2", "-T", "10"));
            for (List<String> workload : List.of(List.of("-S"), List.<String>of())) {
                String name = workload.isEmpty() ? "TPC-B-like (read/write)" : "select-only (-S)";
                List<String> options = new ArrayList<>(List.of("-c", "4", "-j", "2", "-T", "10"));
                options.addAll(workload);
                List<Double> direct = new ArrayList<>();
                List<Double> through = new ArrayList<>();
                for (int round = 0; round < PGBENCH_ROUNDS; round++) { // interleaved, so drift hits both alike
                    direct.add(pgbenchRun(root, member.postgresHost(), member.postgresPort(), options));
                    through.add(pgbenchRun(root, "127.0.0.1", port, options));
                }
                System.out.printf("| pgbench %s, 4 clients, 10 s x %d interleaved | %d | direct %.0f tps | ambassador %.0f tps"
                                + " | median tps; ambassador/direct %.1f %%; all direct %s, all ambassador %s |%n",
                        name, PGBENCH_ROUNDS, PGBENCH_ROUNDS, median(direct), median(through),
                        100 * median(through) / median(direct), rounded(direct), rounded(through));
            }
        }
    }

    private static final int PGBENCH_ROUNDS = 3;

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Long> rounded(List<Double> values) {
        return values.stream().map(Math::round).toList();
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    /** Runs pgbench in the trixie root and returns its tps, or null when it failed. */
    private static Double pgbenchRun(TrixieRoot root, String host, int port, List<String> options) {
        List<String> command = new ArrayList<>(List.of("env", "PGPASSWORD=" + PatroniCluster.SUPERUSER_PASSWORD,
                TrixieRoot.POSTGRES_BIN + "/pgbench", "-h", host, "-p", String.valueOf(port), "-U", "postgres"));
        command.addAll(options);
        command.add("postgres");
        try {
            Process pgbench = new ProcessBuilder(root.command("postgres", command)).redirectErrorStream(true).start();
            String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (pgbench.waitFor() != 0) {
                return null;
            }
            Matcher tps = TPS.matcher(output);
            return tps.find() ? Double.parseDouble(tps.group(1)) : 0.0;
        } catch (Exception e) {
            return null;
        }
    }

    private static void row(String measure, List<Duration> times, String notes) {
        List<Duration> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        System.out.printf("| %s | %d | %d ms | %d ms | %s |%n", measure, sorted.size(),
                sorted.get(sorted.size() / 2).toMillis(), sorted.get(sorted.size() - 1).toMillis(), notes);
    }

    private static void require(Duration measured, String failure) {
        if (measured == null) {
            throw new IllegalStateException(failure);
        }
    }

    private RuntimeBenchmark() {
    }
}
