package dev.cluster.runtime.deploy.console;

/** The deploy client's exit codes. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  /**
   * {@code plan --detailed-exitcode}: the plan changes something (as terraform's; failures are then
   * 1).
   */
  public static final int CHANGES_PRESENT = 2;

  /** As a shell reports a process ended by SIGINT (128 + 2). */
  public static final int INTERRUPTED = 130;

  private ExitCode() {}
}
