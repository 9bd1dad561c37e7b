package dev.cluster.contract.patroni;

/**
 * Where one database's Patroni keeps its keys in etcd: {@code <namespace><scope>/}. The processor
 * names the scope and namespace in the database's configuration and in its users' ambassadors; the
 * ambassadors follow its {@link #leaderKey()} and the deploy client's {@code handover} reads it and
 * {@link #syncKey()}.
 */
public record PatroniScope(String namespace, String scope) {

  /** Patroni's default namespace, which the cluster's databases keep. */
  public static final String DEFAULT_NAMESPACE = "/service/";

  public PatroniScope {
    if (!namespace.startsWith("/")) {
      throw new IllegalArgumentException(
          "a Patroni namespace is an etcd key prefix starting with /, got " + namespace);
    }
    if (scope.isEmpty() || scope.contains("/")) {
      throw new IllegalArgumentException(
          "a Patroni scope is one non-empty key segment, got \"" + scope + "\"");
    }
  }

  /**
   * The scope of database {@code database} of cluster {@code cluster}, in the default namespace.
   */
  public static PatroniScope of(String cluster, String database) {
    return new PatroniScope(DEFAULT_NAMESPACE, cluster + "-" + database);
  }

  /** Every key of the scope is under this prefix. */
  public String prefix() {
    return (namespace.endsWith("/") ? namespace : namespace + "/") + scope + "/";
  }

  /** Its value is the leading member's name. */
  public String leaderKey() {
    return prefix() + "leader";
  }

  /**
   * {@code {"leader": "...", "sync_standby": "a,b"}}: the standbys that have every acknowledged
   * commit.
   */
  public String syncKey() {
    return prefix() + "sync";
  }

  /** A member's record, with its {@code conn_url}. */
  public String memberKey(String member) {
    return prefix() + "members/" + member;
  }
}
