package dev.cluster.processor.model;

import java.util.List;

/**
 * A {@code @NodeGroup}: {@code size} for MAIN and DATA groups, {@code min}/{@code max} for WORKER.
 */
public record NodeGroupSpec(
    String id,
    String name,
    Role role,
    List<String> instanceTypes,
    int size,
    int min,
    int max,
    int diskGb,
    Origin origin) {
  public NodeGroupSpec {
    instanceTypes = List.copyOf(instanceTypes);
  }

  /** The fewest machines the group can have. */
  public int minSize() {
    return role == Role.WORKER ? min : size;
  }

  /** The most machines the group can have: the most replicas it can place on distinct machines. */
  public int maxSize() {
    return role == Role.WORKER ? max : size;
  }
}
