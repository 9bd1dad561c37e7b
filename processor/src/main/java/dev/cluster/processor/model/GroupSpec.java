package dev.cluster.processor.model;

import java.util.List;

/**
 * A {@code @Group} of accounts; with {@code machineLogin} its members get accounts on the cluster's
 * machines.
 */
public record GroupSpec(
    String id,
    String name,
    String description,
    boolean machineLogin,
    List<String> machineGroups,
    Origin origin) {
  public GroupSpec {
    machineGroups = List.copyOf(machineGroups);
  }

  /** A group that does not log into the machines. */
  public GroupSpec(String id, String name, String description, Origin origin) {
    this(id, name, description, false, List.of(), origin);
  }
}
