package dev.cluster.processor.model;

/**
 * The images of the services the model derives and of the agents, built from {@code containers/}.
 * The tag is the image's version; the registry is prepended at deploy time.
 */
public final class Images {
  private Images() {}

  public static final String POSTGRES = "dev-cluster/postgres-patroni:17-4.0.7";
  public static final String REDIS = "dev-cluster/redis:7.0";
  public static final String MARIADB = "dev-cluster/mariadb:10.11";
  public static final String AGENTS = "dev-cluster/agents:0.1.0";
}
