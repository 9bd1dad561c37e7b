package dev.cluster.processor.model;

import java.util.List;

/** The {@code @Cluster} declaration. {@code id} is the declaring class's qualified name. */
public record ClusterSpec(
    String id,
    String packageName,
    String name,
    String domain,
    String region,
    List<String> zones,
    String vpcCidr,
    Origin origin) {
  public ClusterSpec {
    zones = List.copyOf(zones);
  }
}
