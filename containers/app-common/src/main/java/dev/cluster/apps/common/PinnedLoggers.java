package dev.cluster.apps.common;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loggers held at a level of their own, whatever level the rest of the app logs at: for libraries
 * whose debug output prints what must never be logged (a request URI with a token or key in it, a
 * mail with a download link). The caller keeps the returned list: java.util.logging forgets a
 * logger, and its level, once nobody references it.
 */
public final class PinnedLoggers {
  private PinnedLoggers() {}

  public static List<Logger> at(Level level, String... names) {
    List<Logger> loggers = Arrays.stream(names).map(Logger::getLogger).toList();
    loggers.forEach(logger -> logger.setLevel(level));
    return loggers;
  }
}
