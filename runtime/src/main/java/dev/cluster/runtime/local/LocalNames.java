package dev.cluster.runtime.local;

import java.nio.file.Path;

/**
 * Everything a local cluster creates is named from one prefix ({@code local-<cluster>-} unless
 * overridden, e.g. by a test that needs its own), and its containers carry the label {@value
 * #LABEL}={@code prefix}, so that {@code local down} finds exactly them, beside other clusters and
 * other users of podman on the same machine.
 */
public record LocalNames(String prefix) {
  public static final String LABEL = "dev-cluster.local";

  /**
   * The environment variable that overrides the default prefix (the flag {@code --prefix} overrides
   * both).
   */
  public static final String PREFIX_VARIABLE = "DEV_CLUSTER_LOCAL_PREFIX";

  public LocalNames {
    if (!prefix.matches("[a-z0-9][a-z0-9-]{0,30}")) {
      throw new IllegalArgumentException(
          "a local cluster's prefix is lower-case letters, digits and '-', at most 31: " + prefix);
    }
  }

  public static LocalNames defaultFor(String cluster) {
    return new LocalNames("local-" + cluster + "-");
  }

  public String network() {
    return prefix + "net";
  }

  public String awsStandIn() {
    return prefix + "aws";
  }

  public String registry() {
    return prefix + "registry";
  }

  public String machine(String group, int number) {
    return prefix + group + "-" + number;
  }

  public String label() {
    return LABEL + "=" + prefix;
  }

  /**
   * Where the cluster keeps what it made on this machine: applied boot roots, images for the
   * machines, the machines file.
   */
  public Path stateDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), prefix + "cluster");
  }
}
