package dev.cluster.runtime.deploy.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.PatroniDatabase;
import dev.cluster.contract.patroni.PatroniScope;
import dev.cluster.runtime.deploy.cli.Option;
import dev.cluster.runtime.deploy.cli.Request;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.config.EtcdConnection;
import dev.cluster.runtime.deploy.console.Console;
import dev.cluster.runtime.deploy.console.CtrlC;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.console.ExitCode;
import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Wait;
import dev.cluster.runtime.deploy.fleet.DesiredState;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.FleetConnection;
import dev.cluster.runtime.deploy.fleet.UnitOperations;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code postgres handover DATABASE}: moves a {@code @Postgres} database's primary to its
 * synchronous standby by stopping the primary's unit and starting it again once the standby leads.
 * Patroni, stopped cleanly, hands its leader key over without the fixed sleeps of its own
 * switchover (docs/POSTGRES-HA.md): writes through the ambassador pause about 1.5 s instead of 3.3
 * s, and strict synchronous mode keeps every acknowledged write.
 */
public final class HandoverCommand {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private HandoverCommand() {}

  public record HandoverReport(String database, String from, String to, long millis, String unit)
      implements Report {
    @Override
    public String text() {
      return database
          + ": the primary moved from "
          + from
          + " to "
          + to
          + " in "
          + millis
          + " ms; "
          + unit
          + " started again, its member rejoins as a standby\n";
    }
  }

  public static int run(Request request) {
    List<String> operands = request.invocation().operands();
    if (operands.size() != 1) {
      throw new UsageException("postgres handover takes one database, got " + operands.size());
    }
    String database = operands.get(0);
    Map<String, PatroniDatabase> databases = databases(request.cluster());
    if (!databases.containsKey(database)) {
      throw new UsageException(
          database
              + " is not a @Postgres database of cluster "
              + request.cluster().name()
              + (databases.isEmpty()
                  ? " (it has none)"
                  : " (its databases: " + String.join(", ", databases.keySet()) + ")"));
    }
    if (!FleetConnection.given(request.invocation())
        || !FleetConnection.reachesEtcd(request.invocation())) {
      throw new UsageException(
          "postgres handover needs fleet and etcd: pass --fleet-url URL and --etcd-url URL,"
              + " or --tunnel USER@HOST");
    }
    // the database takes no writes while nobody leads: a handover that hangs is given up long
    // before a roll would be
    Duration timeout =
        request.invocation().value(Option.TIMEOUT).isPresent()
            ? UnitOperations.timeout(request.invocation())
            : DEFAULT_TIMEOUT;
    try (FleetConnection fleet =
        FleetConnection.open(request.invocation(), request.console()).orElseThrow()) {
      request
          .console()
          .result(
              handOver(
                  databases.get(database),
                  database,
                  fleet.client(),
                  fleet.etcd().orElseThrow(),
                  timeout,
                  request.console()));
    }
    return ExitCode.OK;
  }

  private static HandoverReport handOver(
      PatroniDatabase patroni,
      String database,
      FleetClient fleet,
      EtcdConnection etcd,
      Duration timeout,
      Console console) {
    PatroniScope keys = patroni.keys();
    String primary =
        etcd.get(keys.leaderKey())
            .orElseThrow(
                () ->
                    new DeployException(
                        database
                            + " has no primary now (no leader key "
                            + keys.leaderKey()
                            + "): nothing to hand over"));
    List<String> standbys = syncStandbys(etcd.get(keys.syncKey()), primary);
    if (standbys.isEmpty()) {
      throw new DeployException(
          database
              + " has no synchronous standby of "
              + primary
              + " now: stopping the"
              + " primary would stop every commit until it is back; nothing changed");
    }
    String unit =
        patroni
            .unitOf(primary)
            .orElseThrow(
                () ->
                    new DeployException(
                        "the primary "
                            + primary
                            + " is none of the members the cluster's units run ("
                            + patroni.members()
                            + "); nothing changed"));
    if (fleet.unit(unit).isEmpty()) {
      throw new DeployException(
          "the primary "
              + primary
              + " should run as "
              + unit
              + ", which fleet does not have;"
              + " nothing changed");
    }
    console.info(
        "Stopping "
            + unit
            + " (primary "
            + primary
            + "); "
            + String.join(" or ", standbys)
            + " takes over");
    long stoppedAt = System.nanoTime();
    Optional<String> next;
    Runnable startAgain = () -> fleet.setDesiredState(unit, DesiredState.LAUNCHED);
    // Ctrl-C starts the unit again from the moment it may be stopped, never leaving the primary
    // down
    try (CtrlC restoring =
            console.restoreOnInterrupt(
                unit + " was started again",
                startAgain,
                "start it again with `units start " + unit + "`");
        Wait wait =
            console.startWait(
                "Waiting for a standby of " + database + " to take the leader key",
                unit + " is started again")) {
      try {
        fleet.setDesiredState(unit, DesiredState.LOADED);
        next = awaitNewLeader(etcd, keys.leaderKey(), primary, timeout, wait);
      } finally {
        startAgain.run();
      }
    }
    long millis = Duration.ofNanos(System.nanoTime() - stoppedAt).toMillis();
    return new HandoverReport(
        database,
        primary,
        next.orElseThrow(
            () ->
                new DeployException(
                    "no other member of "
                        + database
                        + " took the leader key within "
                        + timeout.toSeconds()
                        + " s; "
                        + unit
                        + " was started again (see patronictl list on its machine)")),
        millis,
        unit);
  }

  private static Optional<String> awaitNewLeader(
      EtcdConnection etcd, String key, String old, Duration timeout, Wait wait) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> leader = etcd.get(key);
      if (leader.isPresent() && !leader.get().equals(old)) {
        return leader;
      }
      wait.status(leader.map(l -> "leader key still held by " + l).orElse("no leader yet"));
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Patroni's {@code sync} key: {@code {"leader": "...", "sync_standby": "a,b"}}, valid for this
   * primary only.
   */
  static List<String> syncStandbys(Optional<String> syncKey, String primary) {
    if (syncKey.isEmpty()) {
      return List.of();
    }
    try {
      JsonNode sync = JSON.readTree(syncKey.get());
      if (!sync.path("leader").asText().equals(primary)) {
        return List.of();
      }
      return Arrays.stream(sync.path("sync_standby").asText("").split(","))
          .map(String::strip)
          .filter(name -> !name.isEmpty())
          .toList();
    } catch (IOException notJson) {
      return List.of();
    }
  }

  /** The cluster's {@code @Postgres} databases, by name, as its descriptor lists them. */
  static Map<String, PatroniDatabase> databases(ClusterDescriptor cluster) {
    Map<String, PatroniDatabase> databases = new TreeMap<>();
    cluster
        .services()
        .forEach(service -> service.patroni().ifPresent(p -> databases.put(service.name(), p)));
    return databases;
  }
}
