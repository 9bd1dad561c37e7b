package dev.cluster.containers;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Processes;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members of the postgres-patroni image (synchronous mode, strict) behind the runtime's
 * ambassador, a client writing through it every 50 ms and keeping every acknowledged id: whatever
 * happens to the primary, every acknowledged write is still there afterwards.
 */
class PostgresPatroniFailoverTest {
  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  private static final Duration TTL = Duration.ofSeconds(PatroniMembers.HA.timing().ttl());
  private static final Duration SETTLED_WITHIN = Duration.ofSeconds(120);
  private static final Duration WRITES_RESUME_WITHIN = TTL.multipliedBy(4);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  @BeforeEach
  void forgetEarlierClusters() throws Exception {
    try (Client etcd = ETCD.client()) {
      etcd.getKVClient()
          .delete(bytes(PatroniMembers.NAMESPACE), DeleteOption.builder().isPrefix(true).build())
          .get(5, TimeUnit.SECONDS);
    }
  }

  /** A settled cluster of the image behind the ambassador; closing stops everything it started. */
  record Fixture(PatroniMembers members, Processes agents, Client etcd, String url)
      implements AutoCloseable {
    static Fixture start(Path work) {
      PatroniMembers members =
          new PatroniMembers(Podman.image("postgres-patroni"), 3, ETCD.endpoints(), work);
      Processes agents = new Processes();
      Client etcd = ETCD.client();
      try {
        members.startAll();
        members.awaitSettled(etcd, SETTLED_WITHIN);
        int port = PatroniAmbassador.start(agents, ETCD.endpoints(), members, work);
        String url = PatroniMembers.jdbcUrl("127.0.0.1", port);
        Wait.until(
            Duration.ofSeconds(30),
            "a connection through the ambassador",
            () -> connects(url),
            members::logs);
        WriteAcceptance.createTable(url);
        return new Fixture(members, agents, etcd, url);
      } catch (RuntimeException | AssertionError e) {
        agents.close();
        members.close();
        etcd.close();
        throw e;
      }
    }

    Map<String, String> directUrls() {
      Map<String, String> urls = new LinkedHashMap<>();
      members.names().forEach(name -> urls.put(name, members.jdbcUrl(name)));
      return urls;
    }

    String address(String member) {
      return members.member(member).postgresHost();
    }

    @Override
    public void close() {
      agents.close();
      members.close();
      etcd.close();
    }
  }

  private static boolean connects(String url) {
    try (var connection = DriverManager.getConnection(url)) {
      return connection.isValid(2);
    } catch (Exception notYet) {
      return false;
    }
  }

  @Test
  void primaryMachineKilledThreeTimesInARowLosesNoAcknowledgedWrite() {
    try (Fixture f = Fixture.start(work);
        AcknowledgedWriter writer = new AcknowledgedWriter(f.url(), "acked")) {
      for (int round = 1; round <= 3; round++) {
        f.members().awaitSettled(f.etcd(), SETTLED_WITHIN);
        String primary = f.members().awaitPrimary(Duration.ofSeconds(10));
        f.members().kill(primary);
        long killed =
            System.nanoTime(); // writes acknowledged while podman was still at it are the old
        // primary's
        Duration resumed =
            writer
                .awaitAckAfter(killed, WRITES_RESUME_WITHIN)
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "no write through the ambassador after the primary's machine died\n"
                                + f.members().logs()));
        assertNotEquals(f.address(primary), writer.firstAckAfter(killed).orElseThrow().server());
        System.out.printf(
            "patroni image: round %d, %s killed, writes resumed after %d ms%n",
            round, primary, resumed.toMillis());
        f.members().restart(primary);
      }
      f.members().awaitSettled(f.etcd(), SETTLED_WITHIN);
      writer.close();
      assertTrue(writer.acks().size() > 100, "the writer wrote: " + writer.acks().size());
      assertEquals(Set.of(), writer.lost(f.url()), "acknowledged writes lost");
    }
  }

  @Test
  void primaryFrozenForTwiceTheTtlThreeTimesNeverLeavesTwoNodesAcceptingWrites() {
    try (Fixture f = Fixture.start(work);
        AcknowledgedWriter writer = new AcknowledgedWriter(f.url(), "acked");
        WriteAcceptance acceptance = new WriteAcceptance(f.directUrls())) {
      for (int round = 1; round <= 3; round++) {
        f.members().awaitSettled(f.etcd(), SETTLED_WITHIN);
        String frozen = f.members().awaitPrimary(Duration.ofSeconds(10));
        f.members().freeze(frozen);
        long froze = System.nanoTime();
        Wait.sleep(TTL.multipliedBy(2));
        f.members().thaw(frozen);
        AcknowledgedWriter.Ack first =
            writer
                .firstAckAfter(froze)
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "no write through the ambassador while the primary was frozen\n"
                                + f.members().logs()));
        assertNotEquals(f.address(frozen), first.server(), "the first write after the freeze");
        Wait.until(
            Duration.ofSeconds(90),
            frozen + " rejoins as a replica",
            () -> f.members().replica(frozen),
            f.members()::logs);
        System.out.printf(
            "patroni image: round %d, %s frozen %d s, writes resumed after %d ms%n",
            round, frozen, TTL.multipliedBy(2).toSeconds(), (first.atNanos() - froze) / 1_000_000);
      }
      f.members().awaitSettled(f.etcd(), SETTLED_WITHIN);
      writer.close();
      acceptance.close();
      assertEquals(
          List.of(),
          acceptance.doubleAcceptance(),
          "two members accepted writes at the same instant");
      assertTrue(
          acceptance.runs().stream().map(WriteAcceptance.Run::member).distinct().count() >= 2,
          "the probes saw the primary move: " + acceptance.runs());
      assertEquals(Set.of(), writer.lost(f.url()), "acknowledged writes lost");
    }
  }

  @Test
  void switchoverLosesNothingAndNoLaterWriteLandsOnTheOldPrimary() {
    plannedHandover(
        "switchover",
        (members, old) -> members.switchover(old, members.syncStandby()),
        (members, old) -> {});
  }

  /**
   * The planned handover docs/POSTGRES-HA.md recommends: the primary's Patroni unit stopped, then
   * started again.
   */
  @Test
  void stoppingThePrimarysPatroniHandsOverLosingNothing() {
    plannedHandover(
        "clean stop of the primary's Patroni", PatroniMembers::stop, PatroniMembers::restart);
  }

  /**
   * {@code handOver(members, old primary)}, then once a write landed on the standby {@code
   * restore(members, old)}.
   */
  private void plannedHandover(
      String how,
      BiConsumer<PatroniMembers, String> handOver,
      BiConsumer<PatroniMembers, String> restore) {
    try (Fixture f = Fixture.start(work);
        AcknowledgedWriter writer = new AcknowledgedWriter(f.url(), "acked")) {
      String old = f.members().awaitPrimary(Duration.ofSeconds(10));
      String candidate = f.members().syncStandby();
      long requested = System.nanoTime();
      handOver.accept(f.members(), old);
      Wait.until(
          Duration.ofSeconds(60),
          "a write on " + candidate,
          () -> writer.firstAckOn(f.address(candidate), requested).isPresent(),
          f.members()::logs);
      AcknowledgedWriter.Ack landed =
          writer.firstAckOn(f.address(candidate), requested).orElseThrow();
      restore.accept(f.members(), old);
      Wait.sleep(Duration.ofSeconds(3));
      writer.close();
      List<AcknowledgedWriter.Ack> onOldAfterwards =
          writer.acks().stream()
              .filter(a -> a.atNanos() > landed.atNanos() && a.server().equals(f.address(old)))
              .toList();
      assertEquals(List.of(), onOldAfterwards, "writes on the old primary after the handover");
      System.out.printf(
          "patroni image: %s %s -> %s, writes paused at most %d ms%n",
          how, old, candidate, writer.longestGap(requested, landed.atNanos()).toMillis());
      assertEquals(Set.of(), writer.lost(f.url()), "acknowledged writes lost");
    }
  }

  @Test
  void etcdQuorumLostForTwiceTheTtlWritesGoOnAndNothingIsLost() {
    try (Fixture f = Fixture.start(work);
        AcknowledgedWriter writer = new AcknowledgedWriter(f.url(), "acked")) {
      String primary = f.members().awaitPrimary(Duration.ofSeconds(10));
      List<Integer> stopped = List.of(0, 1);
      long cut = System.nanoTime();
      Duration longestGap;
      try {
        stopped.forEach(ETCD::kill);
        Wait.sleep(TTL.multipliedBy(2));
        longestGap = writer.longestGap(cut, System.nanoTime());
      } finally {
        stopped.forEach(ETCD::start);
        ETCD.awaitHealthy();
      }
      System.out.printf(
          "patroni image: etcd without quorum for %d s, longest write gap %d ms%n",
          TTL.multipliedBy(2).toSeconds(), longestGap.toMillis());
      assertTrue(
          longestGap.compareTo(Duration.ofSeconds(5)) < 0,
          "writes stopped for " + longestGap + " without etcd quorum\n" + f.members().logs());
      assertEquals(primary, f.members().awaitPrimary(Duration.ofSeconds(10)), "the primary stays");
      writer.close();
      assertEquals(Set.of(), writer.lost(f.url()), "acknowledged writes lost");
    }
  }
}
