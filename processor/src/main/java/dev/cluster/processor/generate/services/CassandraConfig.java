package dev.cluster.processor.generate.services;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code cassandra.yaml} for one node on each machine of the DATA group. Its seeds are the group's first
 * machines and it listens on the machine's private address ({@link DataPeers}); Cassandra reads no
 * variables, so the image's entrypoint ({@code containers/cassandra}) fills the {@code ${...}} from its
 * environment into the file Cassandra reads, then starts it. Racks: {@code GossipingPropertyFileSnitch}
 * with the image's one datacenter and rack, since the group's machines are one datacenter to the team.
 */
final class CassandraConfig {
  static final String MOUNT_PATH = "/etc/cluster/cassandra.yaml";

  private CassandraConfig() {}

  static ServiceConfig of(ClusterModel model, ServiceSpec cassandra) {
    String self = ServiceConfigs.placeholder(DataPeers.SELF);
    String yaml = "# Cassandra of cluster " + model.cluster().name() + ", generated from the model: do not edit.\n"
        + "# ${...} are filled at start from " + DataPeers.ENV_FILE + ", written at boot from the group's EC2 tags.\n"
        + "cluster_name: " + Yaml.string(ServiceConfigs.clusterScopedName(model, cassandra)) + "\n"
        + "num_tokens: 16\n"
        + "allocate_tokens_for_local_replication_factor: 3\n"
        + "partitioner: org.apache.cassandra.dht.Murmur3Partitioner\n"
        + "endpoint_snitch: GossipingPropertyFileSnitch\n"
        + "seed_provider:\n"
        + "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider\n"
        + "    parameters:\n"
        + "      - seeds: \"" + ServiceConfigs.placeholder(DataPeers.SEEDS) + "\"\n"
        + "listen_address: " + self + "\n"
        + "rpc_address: " + self + "\n"
        + "storage_port: " + ServiceConfigs.port(cassandra, "gossip", 1) + "\n"
        + "native_transport_port: " + ServiceConfigs.port(cassandra, "cql", 0) + "\n"
        + "commitlog_sync: periodic\n"
        + "commitlog_sync_period: 10000ms\n"
        + "data_file_directories:\n"
        + "  - /data/data\n"
        + "commitlog_directory: /data/commitlog\n"
        + "saved_caches_directory: /data/saved_caches\n"
        + "hints_directory: /data/hints\n";
    return new ServiceConfig(List.of(new ServiceConfigFile("cassandra.yaml", MOUNT_PATH, yaml)), List.of(), true,
        Optional.empty());
  }
}
