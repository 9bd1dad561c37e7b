package dev.cluster.runtime.deploy.console;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of one wait on standard error. On a terminal a spinner line with the status and the
 * elapsed time is redrawn once the wait has lasted a second; elsewhere each new status is printed
 * as a line. Ctrl-C during the wait stops it and says what is still running in AWS.
 */
public final class Wait implements AutoCloseable {
  private static final String FRAMES = "|/-\\";
  private static final Duration QUIET_PERIOD = Duration.ofSeconds(1);
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private final PrintStream err;
  private final boolean interactive;
  private final Duration pollInterval;
  private final String label;
  private final String leftRunning;
  private final long startNanos = System.nanoTime();
  private final Thread ticker;
  private final CtrlC ctrlC;
  private String status = "";
  private String printedStatus = "";
  private Duration printedAt = Duration.ZERO;
  private boolean lineDrawn;
  private boolean closed;

  Wait(
      PrintStream err,
      boolean interactive,
      Duration pollInterval,
      String label,
      String leftRunning) {
    this.err = err;
    this.interactive = interactive;
    this.pollInterval = pollInterval;
    this.label = label;
    this.leftRunning = leftRunning;
    this.ticker = interactive ? startTicker() : null;
    this.ctrlC = CtrlC.whileWaiting(this::printInterrupted);
  }

  /**
   * Shows the current status. Off a terminal, once the wait has lasted a second, a line is printed
   * when the status changes, and again every {@link #HEARTBEAT} so that logs show the wait is
   * alive.
   */
  public synchronized void status(String newStatus) {
    status = newStatus;
    if (interactive || elapsed().compareTo(QUIET_PERIOD) < 0) {
      return;
    }
    if (!newStatus.equals(printedStatus) || elapsed().minus(printedAt).compareTo(HEARTBEAT) >= 0) {
      err.println("  " + label + ": " + status + " (" + formatElapsed() + ")");
      printedStatus = newStatus;
      printedAt = elapsed();
    }
  }

  /** Prints a line (e.g. a stack event) above the progress line. */
  public synchronized void event(String line) {
    clearLine();
    err.println("  " + line);
    draw();
  }

  /** Sleeps one poll interval; Ctrl-C or a thread interrupt ends the wait with exit code 130. */
  public void pause() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted();
    }
  }

  /** The error that ends the command when the wait was interrupted. */
  public DeployException interrupted() {
    synchronized (this) {
      clearLine();
    }
    return new DeployException(interruptedMessage(), ExitCode.INTERRUPTED);
  }

  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {
    ctrlC.close();
    synchronized (this) {
      closed = true;
      clearLine();
    }
    if (ticker != null) {
      ticker.interrupt();
    }
  }

  private String interruptedMessage() {
    return "interrupted after "
        + formatElapsed()
        + " while "
        + label.toLowerCase()
        + "; "
        + leftRunning;
  }

  private synchronized void printInterrupted() {
    clearLine();
    err.println("error: " + interruptedMessage());
    err.flush();
  }

  private Thread startTicker() {
    Thread thread =
        new Thread(
            () -> {
              try {
                while (true) {
                  Thread.sleep(100);
                  synchronized (this) {
                    if (closed) {
                      return;
                    }
                    draw();
                  }
                }
              } catch (InterruptedException stop) {
                // the wait is over
              }
            },
            "deploy-progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void draw() {
    if (!interactive || closed || elapsed().compareTo(QUIET_PERIOD) < 0) {
      return;
    }
    char frame = FRAMES.charAt((int) (elapsed().toMillis() / 100 % FRAMES.length()));
    String line =
        frame + " " + label + (status.isEmpty() ? "" : " - " + status) + "  " + formatElapsed();
    err.print("\r" + line + "\033[K");
    err.flush();
    lineDrawn = true;
  }

  private void clearLine() {
    if (lineDrawn) {
      err.print("\r\033[K");
      err.flush();
      lineDrawn = false;
    }
  }

  private String formatElapsed() {
    long seconds = elapsed().toSeconds();
    return seconds < 60
        ? seconds + "s"
        : seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
  }
}
