package dev.cluster.runtime.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What one {@code local} command runs with: the names of what it creates, the machines per group,
 * where fleet's binaries and the checkout's containers/ are, how long {@code up} waits for the
 * cluster to form, and the optional file with the values of the secrets a person sets on AWS
 * ({@link LocalSecrets}).
 */
public record LocalSettings(
    LocalNames names,
    LocalShape shape,
    Path fleetDirectory,
    Path containers,
    Duration timeout,
    Optional<Path> secretsFile) {
  /**
   * The environment variable naming the folder with fleetd and fleetctl (the flag {@code
   * --fleet-dir} overrides it).
   */
  public static final String FLEET_DIR_VARIABLE = "DEV_CLUSTER_FLEET_DIR";

  /**
   * Where runtime/scripts/fleet-build.sh leaves fleet 1.0.0 by default (scripts/test-deps.sh runs
   * it).
   */
  public static final Path DEFAULT_FLEET_DIR = Path.of("/var/cache/dev-cluster/fleet-1.0.0/bin");

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
}
