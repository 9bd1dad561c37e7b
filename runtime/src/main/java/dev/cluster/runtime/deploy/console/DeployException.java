package dev.cluster.runtime.deploy.console;

/**
 * A failure to report to the user as one clear message, with the exit code it ends the command
 * with.
 */
public final class DeployException extends RuntimeException {
  private final int exitCode;

  public DeployException(String message) {
    this(message, ExitCode.FAILURE);
  }

  public DeployException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = ExitCode.FAILURE;
  }

  public int exitCode() {
    return exitCode;
  }
}
