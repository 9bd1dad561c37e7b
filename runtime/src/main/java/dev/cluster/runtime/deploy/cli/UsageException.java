package dev.cluster.runtime.deploy.cli;

/** The command line is wrong; the message says how. Exit code 2, and nothing was changed. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
