package dev.cluster.contract;

/**
 * The etcd (v3) keys the agents and the deploy engine share; the processor writes them into units
 * and configs. Patroni's own keys are {@link dev.cluster.contract.patroni.PatroniScope}'s.
 */
public final class EtcdKeys {

  private EtcdKeys() {}

  /** Where presence agents announce every instance of {@code service}. */
  public static String instances(String service) {
    return "/services/" + service + "/instances/";
  }

  public static String instance(String service, String instance) {
    return instances(service) + instance;
  }

  /**
   * The election an elect agent campaigns in (etcd's election API keeps the candidates under it).
   */
  public static String election(String name) {
    return "/elections/" + name;
  }

  /**
   * What the leader of election {@code name} last recorded about its child, for the next leader.
   */
  public static String electionHandover(String name) {
    return "/elections-handover/" + name;
  }

  /** Where a volume's replicas exchange the folder id and their device ids. */
  public static String volume(String service, String pathId) {
    return "/volumes/" + service + "/" + pathId + "/";
  }

  /**
   * The key the deploy engine stores a config file under, given its path below {@link
   * ClusterPaths#config}.
   */
  public static String config(String cluster, String relative) {
    return configResource(ClusterPaths.config(cluster) + relative);
  }

  public static String configPrefix(String cluster) {
    return configResource(ClusterPaths.config(cluster));
  }

  /**
   * The key of a config file given its resource path in the cluster's jar ({@code
   * cluster/<name>/config/...}).
   */
  public static String configResource(String resource) {
    return "/" + resource;
  }
}
