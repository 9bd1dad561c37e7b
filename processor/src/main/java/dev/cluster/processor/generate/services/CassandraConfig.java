package dev.cluster.processor.generate.services;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code cassandra.yaml} for one node on each machine of the DATA group. Its seeds are the group's
 * first machines and it listens on the machine's private address ({@link DataPeers}); Cassandra
 * reads no variables, so the image's entrypoint ({@code containers/cassandra}) fills the {@code
 * ${...}} from its environment into the file Cassandra reads, then starts it. Racks: {@code
 * GossipingPropertyFileSnitch} with the image's one datacenter and rack, since the group's machines
 * are one datacenter to the team.
 */
final class CassandraConfig {
  static final String MOUNT_PATH = "/etc/cluster/cassandra.yaml";

  private CassandraConfig() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec cassandra) {
    String self = ServiceConfigs.placeholder(DataPeers.SELF);
    ObjectNode settings =
        Yaml.mapping()
            .put("cluster_name", ServiceConfigs.clusterScopedName(model, cassandra))
            .put("num_tokens", 16)
            .put("allocate_tokens_for_local_replication_factor", 3)
            .put("partitioner", "org.apache.cassandra.dht.Murmur3Partitioner")
            .put("endpoint_snitch", "GossipingPropertyFileSnitch");
    settings
        .putArray("seed_provider")
        .addObject()
        .put("class_name", "org.apache.cassandra.locator.SimpleSeedProvider")
        .putArray("parameters")
        .addObject()
        .put("seeds", ServiceConfigs.placeholder(DataPeers.SEEDS));
    settings
        .put("listen_address", self)
        .put("rpc_address", self)
        .put("storage_port", ServiceConfigs.port(cassandra, "gossip", 1))
        .put("native_transport_port", ServiceConfigs.port(cassandra, "cql", 0))
        .put("commitlog_sync", "periodic")
        .put("commitlog_sync_period", "10000ms");
    settings.putArray("data_file_directories").add("/data/data");
    settings
        .put("commitlog_directory", "/data/commitlog")
        .put("saved_caches_directory", "/data/saved_caches")
        .put("hints_directory", "/data/hints");
    String yaml =
        Yaml.document(
            "Cassandra of cluster "
                + model.cluster().name()
                + ", generated from the model: do not edit.\n"
                + "${...} are filled at start from "
                + DataPeers.ENV_FILE
                + ", written at boot from the group's EC2 tags.",
            settings);
    return new ServiceConfig(
        List.of(new ServiceConfigFile("cassandra.yaml", MOUNT_PATH, yaml)),
        List.of(),
        true,
        Optional.empty());
  }
}
