package dev.cluster.processor.generate.services;

/**
 * How a DATA group's engines find each other: at boot, {@code cluster-peers data GROUP SIZE} lists
 * the group's machines from their EC2 tags and writes {@value #ENV_FILE}, which the engines'
 * containers read as their environment; their generated configuration names these variables, never
 * an address.
 */
public final class DataPeers {
  /** Written by the boot's {@code cluster-peers} on every DATA machine. */
  public static final String ENV_FILE = "/run/cluster/data-peers.env";

  /** This machine's private address. */
  public static final String SELF = "PRIVATE_IP";

  /**
   * Every machine of the group (pending or running), private addresses, comma-separated, in
   * instance-id order.
   */
  public static final String ALL = "DATA_PEERS";

  /** The first {@value #SEED_COUNT} of {@link #ALL}: Cassandra's seeds. */
  public static final String SEEDS = "DATA_SEEDS";

  public static final int SEED_COUNT = 3;

  private DataPeers() {}
}
