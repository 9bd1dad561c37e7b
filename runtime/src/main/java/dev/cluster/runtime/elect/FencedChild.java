package dev.cluster.runtime.elect;

import dev.cluster.runtime.agent.TiedChild;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leader's child with everything that fences it: the child runs in its own session (so its
 * whole process group can be killed by someone else than the agent), its container (with {@code
 * --docker-container}), and the {@link FenceWatchdog} that kills both when the agent cannot renew
 * in time or is not running at all.
 */
final class FencedChild {

  private final TiedChild child;
  private final FenceWatchdog watchdog;
  private final Optional<DockerContainer> container;

  private FencedChild(
      TiedChild child, FenceWatchdog watchdog, Optional<DockerContainer> container) {
    this.child = child;
    this.watchdog = watchdog;
    this.container = container;
  }

  /**
   * The watchdog first, so the child never runs unwatched; then the child, in a session of its own.
   */
  static FencedChild start(
      List<String> command, Optional<DockerContainer> container, long deadlineNanos)
      throws IOException {
    FenceWatchdog watchdog = FenceWatchdog.start(container, deadlineNanos);
    List<String> inOwnSession = new ArrayList<>(List.of("setsid", "--"));
    inOwnSession.addAll(command);
    TiedChild child;
    try {
      child = TiedChild.start(inOwnSession);
    } catch (IOException e) {
      watchdog.release();
      throw e;
    }
    watchdog.watch(child.process().pid());
    return new FencedChild(child, watchdog, container);
  }

  /** After a confirmed renewal: the watchdog's new deadline. */
  void extend(long deadlineNanos) {
    watchdog.extend(deadlineNanos);
  }

  boolean alive() {
    return child.alive();
  }

  int exitCode() {
    return child.exitCode();
  }

  boolean watchdogAlive() {
    return watchdog.alive();
  }

  /**
   * Within {@code grace}: the child (SIGTERM, then SIGKILL), then its container (each half of it
   * when there is one); then the watchdog is released.
   *
   * @return whether everything is known to be stopped (a container whose kill failed may still run)
   */
  boolean stop(Duration grace) {
    boolean containerGone = true;
    if (container.isEmpty()) {
      child.stop(grace);
    } else {
      Duration half = grace.dividedBy(2);
      child.stop(half);
      containerGone = container.get().kill(half);
    }
    watchdog.release();
    return !child.alive() && containerGone;
  }

  /**
   * The child exited by itself: its container is killed in case it outlived its client, the
   * watchdog released.
   */
  boolean cleanUpAfterExit(Duration grace) {
    boolean containerGone = container.map(c -> c.kill(grace)).orElse(true);
    watchdog.release();
    return containerGone;
  }
}
