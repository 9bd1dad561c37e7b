package dev.cluster.runtime.elect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The leader's fence outside its JVM: a bash process ({@code fence-watchdog.sh}) that SIGKILLs the
 * child's process group and {@code docker kill}s its container when the deadline the agent last
 * gave it passes, or when the agent goes away (its input closes). The agent moves the deadline only
 * after a renewal etcd confirmed, so a JVM that is not scheduled (a GC pause, SIGSTOP, swapping)
 * cannot keep the child running past the lease. It is not tied to the agent's life (no parent-death
 * signal): surviving a kill -9 of the agent is how it fences then.
 *
 * <p>Deadlines cross the process boundary as {@code /proc/uptime} centiseconds, a clock both sides
 * read alike (the JVM's {@link System#nanoTime} origin is its own).
 */
final class FenceWatchdog implements AutoCloseable {

  private static final String SCRIPT = script();

  private final Process process;
  private final Writer input;

  private FenceWatchdog(Process process) {
    this.process = process;
    this.input = process.outputWriter(StandardCharsets.US_ASCII);
  }

  /** Starts the watchdog with its first deadline (a {@link System#nanoTime} value). */
  static FenceWatchdog start(Optional<DockerContainer> container, long deadlineNanos)
      throws IOException {
    Process process =
        new ProcessBuilder(
                List.of(
                    "bash",
                    "-c",
                    SCRIPT,
                    "fence-watchdog",
                    container.map(DockerContainer::name).orElse(""),
                    String.valueOf(uptimeCentis(deadlineNanos))))
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    return new FenceWatchdog(process);
  }

  /** The child's process group, killed when fencing (the child runs in its own session). */
  void watch(long processGroup) {
    send("group " + processGroup);
  }

  /** A later deadline, after a confirmed renewal. */
  void extend(long deadlineNanos) {
    send("deadline " + uptimeCentis(deadlineNanos));
  }

  boolean alive() {
    return process.isAlive();
  }

  /** The agent stopped the child itself: the watchdog exits without fencing. */
  void release() {
    send("release");
    close();
  }

  /** Closing its input makes the watchdog fence at once, then exit. */
  @Override
  public void close() {
    try {
      input.close();
    } catch (IOException alreadyGone) {
      // it exited already, having fenced
    }
  }

  private void send(String line) {
    try {
      input.write(line + "\n");
      input.flush();
    } catch (IOException exited) {
      // it fenced and exited; the agent sees it dead
    }
  }

  /**
   * {@code deadlineNanos} on the {@code /proc/uptime} clock, rounded down. Uptime is read first: a
   * pause between the two readings only makes the deadline earlier.
   */
  static long uptimeCentis(long deadlineNanos) {
    long uptimeCentis = readUptimeCentis();
    long leftCentis = Math.floorDiv(deadlineNanos - System.nanoTime(), 10_000_000L);
    return Math.max(1, uptimeCentis + leftCentis);
  }

  private static long readUptimeCentis() {
    try {
      String seconds = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
      return Long.parseLong(seconds.replace(".", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/uptime", e);
    }
  }

  private static String script() {
    try (InputStream in = FenceWatchdog.class.getResourceAsStream("fence-watchdog.sh")) {
      if (in == null) {
        throw new IllegalStateException("fence-watchdog.sh is missing from the runtime's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
