package dev.cluster.runtime.deploy;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Where the deploy client talks to the user and how often it polls while waiting.
 *
 * @param interactive whether standard error is a terminal (spinner, prompts)
 * @param pollInterval time between two polls of CloudFormation while waiting
 */
public record DeployContext(
    PrintStream out, PrintStream err, InputStream in, boolean interactive, Duration pollInterval) {
  public static final Duration AWS_POLL_INTERVAL = Duration.ofSeconds(3);

  public static DeployContext ofSystem() {
    return new DeployContext(
        System.out, System.err, System.in, System.console() != null, AWS_POLL_INTERVAL);
  }
}
