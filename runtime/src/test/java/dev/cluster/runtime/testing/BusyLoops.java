package dev.cluster.runtime.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * CPU starvation for the length of a test: two busy-loop processes per core, as when every agent's
 * JVM on a machine starts at once. Closing it kills them.
 */
public final class BusyLoops implements AutoCloseable {

  private final Processes loops = new Processes();

  public BusyLoops(Path log) {
    int count = 2 * Runtime.getRuntime().availableProcessors();
    for (int i = 0; i < count; i++) {
      loops.start(List.of("sh", "-c", "while :; do :; done"), log);
    }
  }

  @Override
  public void close() {
    loops.close();
  }
}
