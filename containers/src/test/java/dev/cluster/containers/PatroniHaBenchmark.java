package dev.cluster.containers;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The postgres-patroni image's HA figures, side by side in one run: three members (the cluster's
 * zero-loss settings), behind the runtime's ambassador and, at the same time, behind the standard
 * HAProxy of Patroni's documentation, each with its own client inserting every 50 ms; every
 * scenario hits both alike. Prints Markdown for docs/BENCHMARKS.md. Run with
 * containers/bench/patroni-ha.sh [RUNS].
 */
public final class PatroniHaBenchmark {
  private static final Set<String> SCENARIOS =
      Set.of("death", "freeze", "switchover", "stop", "etcd", "pgbench");
  private static final Duration TTL = Duration.ofSeconds(PatroniMembers.HA.timing().ttl());
  private static final Duration SETTLED_WITHIN = Duration.ofSeconds(180);
  private static final Duration RECOVERED_WITHIN = TTL.multipliedBy(4);

  /** One of the two set-ups: a proxy port and the client writing through it. */
  record Setup(String label, int port, AcknowledgedWriter writer) {
    String url() {
      return PatroniMembers.jdbcUrl("127.0.0.1", port);
    }
  }

  /**
   * What one run measured for one set-up; durations in ms, {@link #NONE} where the scenario has no
   * such figure.
   */
  record Sample(
      long outageMs,
      long afterPromotionMs,
      long cutMs,
      long cutAfterPromotionMs,
      long lost,
      long onOldAfterSwitch) {}

  static final long NONE = Long.MIN_VALUE;

  private final PatroniMembers members;
  private final EtcdCluster etcd;
  private final Client client;
  private final WriteAcceptance acceptance;
  private final List<Setup> setups;
  private final Map<String, Map<String, List<Sample>>> results = new LinkedHashMap<>();

  private PatroniHaBenchmark(
      PatroniMembers members,
      EtcdCluster etcd,
      Client client,
      WriteAcceptance acceptance,
      List<Setup> setups) {
    this.members = members;
    this.etcd = etcd;
    this.client = client;
    this.acceptance = acceptance;
    this.setups = setups;
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Set<String> chosen =
        args.length > 1 ? Set.of(Arrays.copyOfRange(args, 1, args.length)) : SCENARIOS;
    if (!SCENARIOS.containsAll(chosen)) {
      throw new IllegalArgumentException("unknown scenario in " + chosen + "; known: " + SCENARIOS);
    }
    Path work = Files.createTempDirectory("patroni-ha-bench");
    String loadBefore = loadAverage();
    try (EtcdCluster etcd = new EtcdCluster(3);
        Processes processes = new Processes()) {
      etcd.start();
      try (PatroniMembers members =
              new PatroniMembers(Podman.image("postgres-patroni"), 3, etcd.endpoints(), work);
          Client client = etcd.client()) {
        members.startAll();
        members.awaitSettled(client, SETTLED_WITHIN);
        int ambassador = PatroniAmbassador.start(processes, etcd.endpoints(), members, work);
        int standard = StandardHaproxy.start(processes, members, work);
        for (int port : List.of(ambassador, standard)) {
          Wait.until(
              Duration.ofSeconds(30),
              "a connection through 127.0.0.1:" + port,
              () -> connects(PatroniMembers.jdbcUrl("127.0.0.1", port)),
              members::logs);
        }
        WriteAcceptance.createTable(PatroniMembers.jdbcUrl("127.0.0.1", ambassador));
        Map<String, String> direct = new LinkedHashMap<>();
        members.names().forEach(name -> direct.put(name, members.jdbcUrl(name)));
        try (AcknowledgedWriter throughAmbassador =
                new AcknowledgedWriter(
                    PatroniMembers.jdbcUrl("127.0.0.1", ambassador), "acked_ambassador");
            AcknowledgedWriter throughStandard =
                new AcknowledgedWriter(
                    PatroniMembers.jdbcUrl("127.0.0.1", standard), "acked_standard");
            WriteAcceptance acceptance = new WriteAcceptance(direct)) {
          PatroniHaBenchmark bench =
              new PatroniHaBenchmark(
                  members,
                  etcd,
                  client,
                  acceptance,
                  List.of(
                      new Setup("ambassador", ambassador, throughAmbassador),
                      new Setup("standard HAProxy", standard, throughStandard)));
          for (int run = 1; chosen.contains("death") && run <= runs; run++) {
            bench.record("primary machine dies (podman kill -s KILL)", bench.machineDeath());
          }
          for (int run = 1; chosen.contains("freeze") && run <= runs; run++) {
            bench.record("primary frozen 2 x ttl (podman pause), then resumed", bench.freeze());
          }
          for (int run = 1; chosen.contains("switchover") && run <= runs; run++) {
            bench.record(
                "switchover (Patroni REST /switchover to the sync standby)", bench.switchover());
          }
          for (int run = 1; chosen.contains("stop") && run <= runs; run++) {
            bench.record(
                "primary's Patroni stopped cleanly (podman stop: SIGTERM), then started again",
                bench.primaryStop());
          }
          for (int run = 1; chosen.contains("etcd") && run <= runs; run++) {
            bench.record(
                "etcd quorum lost (2 of 3 members killed) for 2 x ttl", bench.etcdQuorumLoss());
          }
          throughAmbassador.close();
          throughStandard.close();
          acceptance.close();
          bench.print(runs, loadBefore);
          System.out.println(
              "two members accepting writes at the same instant (direct probes every 20 ms): "
                  + acceptance.doubleAcceptance().size()
                  + " "
                  + acceptance.doubleAcceptance());
        }
        if (chosen.contains("pgbench")) {
          pgbench(members, ambassador, standard);
        }
      }
    }
    System.out.println(
        "\nload average at start: "
            + loadBefore
            + "; at end: "
            + loadAverage()
            + " ("
            + Runtime.getRuntime().availableProcessors()
            + " CPUs); logs in "
            + work);
  }

  private void record(String scenario, Map<String, Sample> samples) {
    samples.forEach(
        (setup, sample) ->
            results
                .computeIfAbsent(scenario, s -> new LinkedHashMap<>())
                .computeIfAbsent(setup, s -> new ArrayList<>())
                .add(sample));
    System.err.println(scenario + ": " + samples);
  }

  private Map<String, Sample> machineDeath() throws SQLException {
    members.awaitSettled(client, SETTLED_WITHIN);
    String primary = members.awaitPrimary(Duration.ofSeconds(10));
    Map<String, HeldSession> held = holdSessions();
    long event = System.nanoTime();
    members.kill(primary);
    Map<String, Sample> samples = afterFailover(primary, event, System.nanoTime(), held);
    members.restart(primary);
    return samples;
  }

  private Map<String, Sample> freeze() throws SQLException {
    members.awaitSettled(client, SETTLED_WITHIN);
    String primary = members.awaitPrimary(Duration.ofSeconds(10));
    Map<String, HeldSession> held = holdSessions();
    long event = System.nanoTime();
    members.freeze(primary);
    Map<String, Sample> samples = afterFailover(primary, event, System.nanoTime(), held);
    Wait.sleep(
        Duration.ofNanos(Math.max(0, event + TTL.multipliedBy(2).toNanos() - System.nanoTime())));
    members.thaw(primary);
    Wait.until(
        Duration.ofSeconds(120),
        primary + " rejoins as a replica",
        () -> members.replica(primary),
        members::logs);
    return samples;
  }

  /**
   * Waits for both clients to write on a new primary, then measures each set-up. {@code event}:
   * just before the kill or freeze; {@code done}: when podman returned, after which the old primary
   * acknowledges nothing.
   */
  private Map<String, Sample> afterFailover(
      String old, long event, long done, Map<String, HeldSession> held) {
    for (Setup setup : setups) {
      Wait.until(
          RECOVERED_WITHIN,
          setup.label() + " writes again",
          () -> setup.writer().firstAckAfter(done).isPresent(),
          members::logs);
    }
    String successor =
        members.named(setups.get(0).writer().firstAckAfter(done).orElseThrow().server());
    Optional<Long> promoted = acceptance.firstAcceptedAfter(successor, event);
    Wait.sleep(Duration.ofSeconds(2));
    Map<String, Sample> samples = new LinkedHashMap<>();
    for (Setup setup : setups) {
      long firstWrite = setup.writer().firstAckAfter(done).orElseThrow().atNanos();
      Optional<Long> cut = held.get(setup.label()).cutAt();
      held.get(setup.label()).close();
      samples.put(
          setup.label(),
          new Sample(
              setup.writer().outage(done).orElseThrow().toMillis(),
              promoted.map(p -> ms(firstWrite - p)).orElse(NONE),
              cut.map(t -> ms(t - event)).orElse(NONE),
              cut.flatMap(t -> promoted.map(p -> ms(t - p))).orElse(NONE),
              setup.writer().lost(setup.url()).size(),
              NONE));
    }
    if (successor.equals(old)) {
      throw new IllegalStateException("no new primary after " + old + " went away");
    }
    return samples;
  }

  private Map<String, Sample> switchover() throws SQLException {
    return plannedHandover(members::switchover, old -> {});
  }

  /**
   * The primary's Patroni stopped cleanly (SIGTERM, as when its unit stops): it hands the key over,
   * then restarts.
   */
  private Map<String, Sample> primaryStop() throws SQLException {
    return plannedHandover((old, candidate) -> members.stop(old), members::restart);
  }

  /**
   * {@code handOver(old primary, sync standby)}; {@code restore(old primary)} afterwards, whatever
   * happened.
   */
  private Map<String, Sample> plannedHandover(
      BiConsumer<String, String> handOver, Consumer<String> restore) throws SQLException {
    members.awaitSettled(client, SETTLED_WITHIN);
    String old = members.awaitPrimary(Duration.ofSeconds(10));
    String candidate = members.syncStandby();
    String oldAddress = members.member(old).postgresHost();
    String newAddress = members.member(candidate).postgresHost();
    Map<String, HeldSession> held = holdSessions();
    long event = System.nanoTime();
    try {
      handOver.accept(old, candidate);
      for (Setup setup : setups) {
        Wait.until(
            RECOVERED_WITHIN,
            setup.label() + " writes on " + candidate,
            () -> setup.writer().firstAckOn(newAddress, event).isPresent(),
            members::logs);
      }
      Wait.sleep(Duration.ofSeconds(3));
      Optional<Long> promoted = acceptance.firstAcceptedAfter(candidate, event);
      Map<String, Sample> samples = new LinkedHashMap<>();
      for (Setup setup : setups) {
        long landed = setup.writer().firstAckOn(newAddress, event).orElseThrow().atNanos();
        long onOld =
            setup.writer().acks().stream()
                .filter(a -> a.atNanos() > landed && a.server().equals(oldAddress))
                .count();
        Optional<Long> cut = held.get(setup.label()).cutAt();
        held.get(setup.label()).close();
        samples.put(
            setup.label(),
            new Sample(
                setup.writer().longestGap(event, landed).toMillis(),
                promoted.map(p -> ms(landed - p)).orElse(NONE),
                cut.map(t -> ms(t - event)).orElse(NONE),
                NONE,
                setup.writer().lost(setup.url()).size(),
                onOld));
      }
      return samples;
    } finally {
      restore.accept(old);
    }
  }

  private Map<String, Sample> etcdQuorumLoss() {
    members.awaitSettled(client, SETTLED_WITHIN);
    members.awaitPrimary(Duration.ofSeconds(10));
    List<Integer> stopped = List.of(0, 1);
    long event = System.nanoTime();
    long end;
    try {
      stopped.forEach(etcd::kill);
      Wait.sleep(TTL.multipliedBy(2));
      end = System.nanoTime();
    } finally {
      stopped.forEach(etcd::start);
      etcd.awaitHealthy();
    }
    Map<String, Sample> samples = new LinkedHashMap<>();
    for (Setup setup : setups) {
      samples.put(
          setup.label(),
          new Sample(
              setup.writer().longestGap(event, end).toMillis(),
              NONE,
              NONE,
              NONE,
              setup.writer().lost(setup.url()).size(),
              NONE));
    }
    return samples;
  }

  private Map<String, HeldSession> holdSessions() throws SQLException {
    Map<String, HeldSession> held = new LinkedHashMap<>();
    for (Setup setup : setups) {
      held.put(setup.label(), new HeldSession("127.0.0.1", setup.port()));
    }
    return held;
  }

  private void print(int runs, String load) {
    System.out.printf(
        "%n| scenario (%d runs each, same cluster, both set-ups at once) | measure | ambassador | standard"
            + " HAProxy | ambassador, each run | standard, each run |%n",
        runs);
    System.out.println("| --- | --- | --- | --- | --- | --- |");
    results.forEach(
        (scenario, bySetup) -> {
          List<Sample> ours = bySetup.get(setups.get(0).label());
          List<Sample> theirs = bySetup.get(setups.get(1).label());
          row(
              scenario,
              "outage (last write before to first after), ms",
              ours,
              theirs,
              Sample::outageMs);
          row(
              scenario,
              "first write through the proxy after the new primary first acknowledged a direct write, ms",
              ours,
              theirs,
              Sample::afterPromotionMs);
          row(
              scenario,
              "old primary's sessions cut after the event, ms",
              ours,
              theirs,
              Sample::cutMs);
          row(
              scenario,
              "old primary's sessions cut after the promotion, ms",
              ours,
              theirs,
              Sample::cutAfterPromotionMs);
          row(scenario, "acknowledged writes lost (total so far)", ours, theirs, Sample::lost);
          row(
              scenario,
              "writes on the old primary after the first on the new one",
              ours,
              theirs,
              Sample::onOldAfterSwitch);
        });
  }

  private static void row(
      String scenario,
      String measure,
      List<Sample> ours,
      List<Sample> theirs,
      Function<Sample, Long> value) {
    List<Long> a = ours.stream().map(value).toList();
    List<Long> b = theirs.stream().map(value).toList();
    if (a.stream().allMatch(v -> v == NONE) && b.stream().allMatch(v -> v == NONE)) {
      return;
    }
    System.out.printf(
        "| %s | %s | %s | %s | %s | %s |%n",
        scenario, measure, summary(a), summary(b), shown(a), shown(b));
  }

  private static String shown(List<Long> values) {
    return values.stream().map(v -> v == NONE ? "-" : v.toString()).toList().toString();
  }

  private static String summary(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values.stream().filter(v -> v != NONE).toList());
    if (sorted.isEmpty()) {
      return "-";
    }
    Collections.sort(sorted);
    return "median " + sorted.get(sorted.size() / 2) + ", max " + sorted.get(sorted.size() - 1);
  }

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  /**
   * pgbench from inside a member's container (PostgreSQL 17's own), 4 clients, interleaved rounds.
   */
  private static void pgbench(PatroniMembers members, int ambassador, int standard) {
    String primary = members.awaitPrimary(Duration.ofSeconds(10));
    String host = members.member(primary).postgresHost();
    int port = members.member(primary).postgresPort();
    pgbenchRun(members, primary, host, port, List.of("-i", "-s", "10", "-q"));
    Map<String, Integer> targets = new LinkedHashMap<>();
    targets.put("direct", port);
    targets.put("ambassador", ambassador);
    targets.put("standard HAProxy", standard);
    System.out.println(
        "\n| pgbench, 4 clients, 10 s, 3 interleaved rounds | direct tps | ambassador tps"
            + " (of direct) | standard HAProxy tps (of direct) | each round: direct / ambassador / standard |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (List<String> workload : List.of(List.of("-S"), List.<String>of())) {
      Map<String, List<Double>> tps = new LinkedHashMap<>();
      for (int round = 0; round < 3; round++) {
        targets.forEach(
            (name, target) -> {
              List<String> options = new ArrayList<>(List.of("-c", "4", "-j", "2", "-T", "10"));
              options.addAll(workload);
              tps.computeIfAbsent(name, n -> new ArrayList<>())
                  .add(
                      pgbenchRun(
                          members,
                          primary,
                          name.equals("direct") ? host : "127.0.0.1",
                          target,
                          options));
            });
      }
      double direct = median(tps.get("direct"));
      System.out.printf(
          "| %s | %.0f | %.0f (%.0f %%) | %.0f (%.0f %%) | %s |%n",
          workload.isEmpty() ? "TPC-B-like (read/write, synchronous commit)" : "select-only (-S)",
          direct,
          median(tps.get("ambassador")),
          100 * median(tps.get("ambassador")) / direct,
          median(tps.get("standard HAProxy")),
          100 * median(tps.get("standard HAProxy")) / direct,
          String.join(
              " / ",
              tps.values().stream()
                  .map(v -> v.stream().map(t -> String.valueOf(Math.round(t))).toList().toString())
                  .toList()));
    }
  }

  private static double pgbenchRun(
      PatroniMembers members, String in, String host, int port, List<String> options) {
    List<String> command =
        new ArrayList<>(
            List.of("pgbench", "-h", host, "-p", String.valueOf(port), "-U", "postgres"));
    command.addAll(options);
    command.add("postgres");
    Command.Result result = members.exec(in, command).orFail();
    Matcher tps = TPS.matcher(result.out());
    return tps.find() ? Double.parseDouble(tps.group(1)) : 0.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static boolean connects(String url) {
    try (var connection = DriverManager.getConnection(url)) {
      return connection.isValid(2);
    } catch (SQLException notYet) {
      return false;
    }
  }

  private static String loadAverage() throws IOException {
    return String.join(
        " ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
  }
}
