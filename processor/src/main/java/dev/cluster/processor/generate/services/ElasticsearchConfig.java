package dev.cluster.processor.generate.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code elasticsearch.yml} for one data node on each machine of the DATA group. Discovery: the
 * seed hosts and the first election's master-eligible nodes are the group's machines ({@link
 * DataPeers}), which Elasticsearch substitutes itself from the environment ({@code ${VAR}}; a
 * comma-separated value is a list); each node is named by its private address, so the two lists
 * agree. After the cluster has formed, {@code cluster.initial_master_nodes} is ignored, and a
 * replacement machine joins through the seed hosts.
 *
 * <p>Security is off: the nodes are reachable only from the groups the template opens their ports
 * to, and Elasticsearch 8 would otherwise require TLS certificates between the nodes, which this
 * project does not issue yet.
 */
public final class ElasticsearchConfig {
  static final String MOUNT_PATH = "/usr/share/elasticsearch/config/elasticsearch.yml";

  /**
   * What a machine running a node needs from its kernel: Elasticsearch refuses to start on a
   * non-loopback address with fewer memory map areas (its bootstrap check).
   */
  public static final String SYSCTL_FILE = "/etc/sysctl.d/90-elasticsearch.conf";

  public static final String SYSCTL = "vm.max_map_count = 262144\n";

  private ElasticsearchConfig() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec es) {
    String peers = ServiceConfigs.placeholder(DataPeers.ALL);
    ObjectNode settings =
        Yaml.mapping()
            .put("cluster.name", ServiceConfigs.clusterScopedName(model, es))
            .put("node.name", ServiceConfigs.placeholder(DataPeers.SELF))
            .put("path.data", "/data")
            .put("network.bind_host", "0.0.0.0")
            .put("network.publish_host", ServiceConfigs.placeholder(DataPeers.SELF))
            .put("http.port", ServiceConfigs.port(es, "http", 0))
            .put("transport.port", ServiceConfigs.port(es, "transport", 1))
            .put("discovery.seed_hosts", peers)
            .put("cluster.initial_master_nodes", peers)
            .put("xpack.security.enabled", false);
    String yaml =
        Yaml.document(
            "Elasticsearch of cluster "
                + model.cluster().name()
                + ", generated from the model: do not edit.\n"
                + "${...} come from the environment: "
                + DataPeers.ENV_FILE
                + ", written at boot from the group's EC2 tags.",
            settings);
    return new ServiceConfig(
        List.of(new ServiceConfigFile("elasticsearch.yml", MOUNT_PATH, yaml)),
        List.of(),
        true,
        Optional.empty());
  }
}
