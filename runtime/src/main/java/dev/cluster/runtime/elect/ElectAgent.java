package dev.cluster.runtime.elect;

import dev.cluster.contract.EtcdKeys;
import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.Elect;
import dev.cluster.runtime.etcd.Etcd;
import dev.cluster.runtime.etcd.LeaseKeeper;
import dev.cluster.runtime.presence.Instance;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Election;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.election.LeaderKey;
import io.etcd.jetcd.watch.WatchEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code elect --etcd URLS --name N [--ttl 5] [--safety-margin-ms M] [--takeover-delay-ms D]
 * [--host H --port NAME=P ...] [--docker-container C] -- command...}: campaigns in etcd's election
 * {@code /elections/N} with a lease of the given TTL; only the leader runs the command, fenced by
 * the agent and by a {@link FenceWatchdog} outside its JVM. With {@code --docker-container}, the
 * command is a {@code docker run --name C} and C is killed too whenever the child is stopped (see
 * {@link DockerContainer}). A campaign that fails before the child started (lease lost, etcd slow)
 * is tried again with a new lease after a {@link Backoff}. Exit codes: the child's own code when it
 * exits by itself (1 if it exited 0), 3 when leadership was lost (the child was stopped first), 0
 * after SIGTERM (child stopped, resigned, lease revoked).
 */
public final class ElectAgent {

  public static final int LOST_LEADERSHIP = 3;

  public static int run(AgentArgs<Elect> options) throws Exception {
    String name = options.required(Elect.NAME);
    Duration ttl = Duration.ofSeconds(Long.parseLong(options.get(Elect.TTL, "5")));
    Fencing margins =
        options
            .optional(Elect.SAFETY_MARGIN_MS)
            .map(ms -> Fencing.withMargin(ttl, Duration.ofMillis(Long.parseLong(ms))))
            .orElse(Fencing.forTtl(ttl));
    Fencing fencing =
        options
            .optional(Elect.TAKEOVER_DELAY_MS)
            .map(ms -> margins.withTakeoverDelay(Duration.ofMillis(Long.parseLong(ms))))
            .orElse(margins);
    Optional<DockerContainer> container =
        options.optional(Elect.DOCKER_CONTAINER).map(DockerContainer::new);
    Instance self =
        new Instance(
            options.get(Elect.HOST, "127.0.0.1"),
            Instance.parsePorts(options.all(Elect.PORT)),
            Instant.now().toString());

    try (Client client = Etcd.connect(options.required(Elect.ETCD))) {
      Campaigner campaigner =
          new Campaigner(client, name, self, options.command(), fencing, container);
      Runtime.getRuntime().addShutdownHook(new Thread(campaigner::stop));
      try {
        return campaigner.run();
      } finally {
        campaigner.awaitStopIfStopping();
      }
    }
  }

  /** One agent's campaigns, and what its SIGTERM hook has to stop. */
  private static final class Campaigner {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

    private final Client client;
    private final Election election;
    private final String name;
    private final Instance self;
    private final List<String> command;
    private final Fencing fencing;
    private final Optional<DockerContainer> container;
    private final HandoverRecord handover;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicReference<LeaseKeeper> lease = new AtomicReference<>();
    private final AtomicReference<LeaderKey> leadership = new AtomicReference<>();
    private final AtomicReference<FencedChild> child = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    Campaigner(
        Client client,
        String name,
        Instance self,
        List<String> command,
        Fencing fencing,
        Optional<DockerContainer> container) {
      this.client = client;
      this.election = client.getElectionClient();
      this.name = name;
      this.self = self;
      this.command = command;
      this.fencing = fencing;
      this.container = container;
      this.handover = HandoverRecord.of(client, name);
    }

    int run() throws Exception {
      Backoff backoff = new Backoff(FIRST_PAUSE, fencing.ttl());
      while (!stopping.get()) {
        try {
          lease.set(LeaseKeeper.grant(client, fencing.ttl()));
        } catch (Exception slowOrUnreachable) {
          System.out.println(
              "elect: no lease for " + name + " (" + slowOrUnreachable + "); trying again");
          Thread.sleep(backoff.next().toMillis());
          continue;
        }
        OptionalInt exit = campaignAndLead(lease.get());
        if (exit.isPresent()) {
          return exit.getAsInt();
        }
        resignAndRevoke(leadership.getAndSet(null), lease.get());
        Thread.sleep(backoff.next().toMillis());
      }
      return 0;
    }

    /**
     * SIGTERM: the child first, recorded as stopped, then resign and revoke, so another replica
     * leads at once.
     */
    void stop() {
      synchronized (this) {
        stopping.set(true);
        FencedChild running = child.getAndSet(null);
        if (running != null && running.stop(fencing.stopGrace()) && lease.get() != null) {
          handover.release(lease.get().id(), Duration.ofSeconds(1));
        }
      }
      resignAndRevoke(leadership.get(), lease.get());
      stopped.countDown();
    }

    /**
     * After SIGTERM the hook resigns and revokes through the client, so it must not be closed
     * before.
     */
    void awaitStopIfStopping() throws InterruptedException {
      if (stopping.get()) {
        stopped.await(10, TimeUnit.SECONDS);
      }
    }

    /**
     * The exit code once this agent led, or empty when this term ended before its child started.
     */
    private OptionalInt campaignAndLead(LeaseKeeper lease) throws Exception {
      CompletableFuture<LeaderKey> campaign =
          election
              .campaign(Etcd.bytes(EtcdKeys.election(name)), lease.id(), Etcd.bytes(self.toJson()))
              .thenApply(r -> r.getLeader());
      while (!campaign.isDone()) {
        if (stopping.get()) {
          campaign.cancel(true);
          return OptionalInt.of(0);
        }
        // until the child starts a slow renewal endangers nobody: etcd's word ends a campaign, or a
        // lease
        // surely expired long ago (etcd gone, or restored from a snapshot, behind a hung request)
        if (lease.gone() || lease.sinceConfirmed().compareTo(fencing.ttl().multipliedBy(3)) > 0) {
          campaign.cancel(true);
          System.out.println(
              "elect: lease lost while campaigning for " + name + "; campaigning again");
          return OptionalInt.empty();
        }
        Thread.sleep(Fencing.CHECK_PERIOD.toMillis());
      }
      try {
        leadership.set(campaign.get());
      } catch (Exception failed) {
        System.out.println(
            "elect: campaign for " + name + " failed (" + failed + "); campaigning again");
        return OptionalInt.empty();
      }
      AtomicBoolean keyDeleted = new AtomicBoolean();
      try (Watch.Watcher watcher = watchDeletion(leadership.get().getKey(), keyDeleted)) {
        Optional<String> notStarting = prepareTakeover(lease, keyDeleted);
        if (stopping.get()) {
          return OptionalInt.of(0);
        }
        if (notStarting.isPresent()) {
          System.out.println(
              "elect: elected for "
                  + name
                  + " but not starting: "
                  + notStarting.get()
                  + "; campaigning again");
          return OptionalInt.empty();
        }
        synchronized (this) {
          if (stopping.get()) {
            return OptionalInt.of(0);
          }
          child.set(
              FencedChild.start(command, container, watchdogDeadline(lease.confirmedAtNanos())));
        }
        System.out.println("elect: leader of " + name + ", running " + command);
        return OptionalInt.of(superviseLeadership(child.get(), lease, keyDeleted));
      }
    }

    /**
     * Before the child starts: a lease fresh enough that it will not be fenced a moment later, the
     * takeover delay when the previous leader may still run its child, and the handover record
     * claimed while still leading.
     *
     * @return why the child must not start, or empty when it may
     */
    private Optional<String> prepareTakeover(LeaseKeeper lease, AtomicBoolean keyDeleted) {
      try {
        Optional<String> stale = awaitFreshLease(lease, keyDeleted);
        if (stale.isPresent()) {
          return stale;
        }
        if (!fencing.takeoverDelay().isZero() && handover.previousLeaderMayRun(lease.id())) {
          System.out.println(
              "elect: the previous leader of "
                  + name
                  + " did not record stopping its child;"
                  + " waiting the takeover delay of "
                  + fencing.takeoverDelay().toMillis()
                  + " ms");
          long until = System.nanoTime() + fencing.takeoverDelay().toNanos();
          while (System.nanoTime() < until) {
            Optional<String> lost = lost(lease, keyDeleted, fencing.ttl().multipliedBy(3));
            if (lost.isPresent()) {
              return lost;
            }
            Thread.sleep(Fencing.CHECK_PERIOD.toMillis());
          }
          stale = awaitFreshLease(lease, keyDeleted);
          if (stale.isPresent()) {
            return stale;
          }
        }
        return handover.claim(leadership.get(), lease.id())
            ? Optional.empty()
            : Optional.of("the leader key was gone when claiming the handover record");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      } catch (Exception etcdSlowOrUnreachable) {
        return Optional.of("etcd did not answer (" + etcdSlowOrUnreachable + ")");
      }
    }

    /**
     * Waits for a renewal confirmed recently enough ({@link Fencing#freshEnoughToStart}); on a
     * starved machine the lease may be old by the time the campaign returns. Gives up after three
     * TTLs without one.
     */
    private Optional<String> awaitFreshLease(LeaseKeeper lease, AtomicBoolean keyDeleted)
        throws InterruptedException {
      while (!fencing.freshEnoughToStart(lease.sinceConfirmed())) {
        Optional<String> lost = lost(lease, keyDeleted, fencing.ttl().multipliedBy(3));
        if (lost.isPresent()) {
          return lost;
        }
        Thread.sleep(Fencing.CHECK_PERIOD.toMillis());
      }
      return lost(lease, keyDeleted, fencing.renewalDeadline());
    }

    private Optional<String> lost(
        LeaseKeeper lease, AtomicBoolean keyDeleted, Duration unconfirmedLimit) {
      if (stopping.get()) {
        return Optional.of("stopping");
      }
      if (lease.gone()) {
        return Optional.of("etcd says the lease is gone");
      }
      if (keyDeleted.get()) {
        return Optional.of("leader key deleted");
      }
      if (lease.sinceConfirmed().compareTo(unconfirmedLimit) > 0) {
        return Optional.of(
            "no confirmed lease renewal for " + lease.sinceConfirmed().toMillis() + " ms");
      }
      return Optional.empty();
    }

    private int superviseLeadership(
        FencedChild running, LeaseKeeper lease, AtomicBoolean keyDeleted)
        throws InterruptedException {
      long watchdogFedFor = lease.confirmedAtNanos();
      while (true) {
        Thread.sleep(Fencing.CHECK_PERIOD.toMillis());
        if (stopping.get()) {
          return 0;
        }
        long confirmedAt = lease.confirmedAtNanos();
        if (confirmedAt != watchdogFedFor) {
          running.extend(watchdogDeadline(confirmedAt));
          watchdogFedFor = confirmedAt;
        }
        Optional<String> lost =
            lost(lease, keyDeleted, fencing.renewalDeadline())
                .or(
                    () ->
                        running.watchdogAlive()
                            ? Optional.empty()
                            : Optional.of("the fence watchdog exited"));
        if (lost.isPresent()) {
          boolean childStopped;
          synchronized (this) {
            if (stopping.get()) {
              return 0;
            }
            child.set(null);
            childStopped = running.stop(fencing.stopGrace());
          }
          System.out.println("elect: leadership lost (" + lost.get() + "); child stopped");
          if (childStopped) {
            handover.release(lease.id(), Duration.ofMillis(200));
          }
          lease.revoke(Duration.ofMillis(200));
          return LOST_LEADERSHIP;
        }
        if (!running.alive()) {
          int code = running.exitCode();
          System.out.println("elect: child exited with " + code + "; resigning");
          synchronized (this) {
            child.set(null);
          }
          if (running.cleanUpAfterExit(fencing.stopGrace().dividedBy(2))) {
            handover.release(lease.id(), Duration.ofSeconds(1));
          }
          resignAndRevoke(leadership.get(), lease);
          return code == 0 ? 1 : code;
        }
      }
    }

    private long watchdogDeadline(long confirmedAtNanos) {
      return confirmedAtNanos + fencing.watchdogDeadline().toNanos();
    }

    private Watch.Watcher watchDeletion(ByteSequence key, AtomicBoolean deleted) {
      return client
          .getWatchClient()
          .watch(
              key,
              response -> {
                for (WatchEvent event : response.getEvents()) {
                  if (event.getEventType() == WatchEvent.EventType.DELETE) {
                    deleted.set(true);
                  }
                }
              });
    }

    private void resignAndRevoke(LeaderKey leader, LeaseKeeper held) {
      if (leader != null) {
        try {
          election.resign(leader).get(1, TimeUnit.SECONDS);
        } catch (Exception unreachable) {
          // revoking the lease below deletes the leader key too
        }
      }
      if (held != null) {
        held.revoke(Duration.ofSeconds(5));
      }
    }
  }

  private ElectAgent() {}
}
