package dev.cluster.runtime.elect;

import dev.cluster.runtime.testing.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * The children the contenders of one test run, found in the process table by a tag in their command
 * line, and a watcher that samples them continuously to catch two leaders at the same instant,
 * however briefly. A child counts as running by its state in the process table: a stopped (SIGSTOP,
 * frozen) or dead one does not.
 */
public final class LeaderChildren implements AutoCloseable {

  private final String tag;
  private final AtomicInteger mostAtOnce = new AtomicInteger();
  private final AtomicLong overlapNanos = new AtomicLong();
  private final Thread sampler;
  private volatile boolean sampling = true;

  public LeaderChildren(String tag) {
    this.tag = tag;
    this.sampler =
        new Thread(
            () -> {
              long overlapSince = -1;
              while (sampling) {
                int now = running().size();
                long at = System.nanoTime();
                mostAtOnce.accumulateAndGet(now, Math::max);
                if (now > 1 && overlapSince < 0) {
                  overlapSince = at;
                } else if (now <= 1 && overlapSince >= 0) {
                  overlapNanos.addAndGet(at - overlapSince);
                  overlapSince = -1;
                }
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "leader-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /**
   * The wrapped command for contender {@code i}: a shell loop whose command line names the
   * contender.
   */
  public List<String> command(int contender) {
    return List.of("sh", "-c", "while :; do sleep 0.1; done", tag + "-" + contender);
  }

  /** Contenders whose child is alive and not stopped now. */
  public Set<Integer> running() {
    return new TreeSet<>(runningChildren().keySet());
  }

  /** The agent (the parent) of contender {@code contender}'s running child, if it runs one now. */
  public Optional<ProcessHandle> agentOf(int contender) {
    return Optional.ofNullable(runningChildren().get(contender))
        .flatMap(ProcessHandle::of)
        .flatMap(ProcessHandle::parent);
  }

  /** The running children's process ids by contender. */
  private Map<Integer, Long> runningChildren() {
    Map<Integer, Long> found = new TreeMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                try {
                  String cmdline =
                      new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                  int at = cmdline.indexOf(tag + "-");
                  if (at >= 0
                      && cmdline.startsWith("sh\0")
                      && isRunning(Files.readString(p.resolve("stat")))) {
                    found.put(
                        Integer.parseInt(
                            cmdline.substring(at + tag.length() + 1).replace("\0", "")),
                        Long.parseLong(p.getFileName().toString()));
                  }
                } catch (IOException | NumberFormatException exited) {
                  // the process ended while being read
                }
              });
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }

  /**
   * The state field of /proc/PID/stat (after the command's name in parentheses): not stopped,
   * traced or dead.
   */
  private static boolean isRunning(String stat) {
    char state = stat.charAt(stat.lastIndexOf(')') + 2);
    return "TtZXx".indexOf(state) < 0;
  }

  /**
   * Waits until exactly one contender's child runs and {@code wanted} accepts it, and returns that
   * contender. The process table is read once per check, so the contender returned is the one the
   * check saw.
   */
  public Optional<Integer> awaitSole(Duration timeout, IntPredicate wanted) {
    AtomicReference<Integer> sole = new AtomicReference<>();
    Eventually.within(
        timeout,
        () -> {
          Set<Integer> now = running();
          if (now.size() == 1 && wanted.test(now.iterator().next())) {
            sole.set(now.iterator().next());
            return true;
          }
          return false;
        });
    return Optional.ofNullable(sole.get());
  }

  public int mostAtOnce() {
    return mostAtOnce.get();
  }

  /**
   * How long two or more children ran at once, in total, as far as the samples saw (for
   * benchmarks).
   */
  public Duration overlap() {
    return Duration.ofNanos(overlapNanos.get());
  }

  @Override
  public void close() throws InterruptedException {
    sampling = false;
    sampler.join();
  }
}
