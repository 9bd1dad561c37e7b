package dev.cluster.contract.descriptor;

import java.util.List;
import java.util.Objects;

/**
 * A node group of the cluster: its role (MAIN, WORKER or DATA), how many machines it may have, the
 * instance types it launches, and the stack output that names its autoscaling group (as the
 * template declares it).
 */
public record NodeGroupInfo(
    String name,
    String role,
    int minSize,
    int maxSize,
    List<String> instanceTypes,
    String scalingGroupOutput) {
  public NodeGroupInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scalingGroupOutput, "scalingGroupOutput");
    instanceTypes = List.copyOf(instanceTypes);
  }

  /** {@code 3} for a fixed size, {@code 2..6} for a group that scales. */
  public String machines() {
    return minSize == maxSize ? String.valueOf(minSize) : minSize + ".." + maxSize;
  }
}
