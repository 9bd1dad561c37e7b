package dev.cluster.contract;

/**
 * Where the processor writes a cluster's outputs under the class output directory (so in the
 * cluster's jar, where the runtime reads them as resources): {@code cluster/<name>/template.json},
 * {@code units/}, {@code config/}, {@code nodes/<group>/}, {@code descriptor.json}.
 */
public final class ClusterPaths {

  private ClusterPaths() {}

  public static String root(String cluster) {
    return "cluster/" + cluster + "/";
  }

  public static String template(String cluster) {
    return root(cluster) + "template.json";
  }

  /**
   * The images built from {@code containers/} that the units run, for the deploy client's {@code
   * images}.
   */
  public static String images(String cluster) {
    return root(cluster) + "images.json";
  }

  /** A picture of the cluster in Graphviz's DOT language. */
  public static String diagram(String cluster) {
    return root(cluster) + "diagram.dot";
  }

  /** The deploy client's descriptor, which the generated client loads. */
  public static String descriptor(String cluster) {
    return root(cluster) + "descriptor.json";
  }

  public static String units(String cluster) {
    return root(cluster) + "units/";
  }

  /** Every config file; the deploy engine stores each in etcd under {@link EtcdKeys#config}. */
  public static String config(String cluster) {
    return root(cluster) + "config/";
  }

  public static String nodeFiles(String cluster, String nodeGroup) {
    return root(cluster) + "nodes/" + nodeGroup + "/";
  }
}
