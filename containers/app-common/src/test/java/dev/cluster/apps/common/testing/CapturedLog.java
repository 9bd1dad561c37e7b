package dev.cluster.apps.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every line the apps, Javalin, Jetty and the JDK log while open (they all log through
 * java.util.logging), at every level, each formatted with its parameters and stack trace as a log
 * file would show it and prefixed with its logger's name.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger root = Logger.getLogger("");
  private final Level previousLevel = root.getLevel();
  private final List<String> lines = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
          String line = "[" + record.getLoggerName() + "] " + formatter.format(record);
          synchronized (lines) {
            lines.add(line);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  public CapturedLog() {
    handler.setLevel(Level.ALL);
    root.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  public String text() {
    synchronized (lines) {
      return String.join("", lines);
    }
  }

  @Override
  public void close() {
    root.removeHandler(handler);
    root.setLevel(previousLevel);
  }
}
