package dev.cluster.runtime.deploy;

import java.util.List;
import java.util.Objects;

/** A service of the cluster: where it runs and which unit files make it up. */
public record ServiceInfo(String name, String nodeGroup, int replicas, List<String> units) {
    public ServiceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeGroup, "nodeGroup");
        units = List.copyOf(units);
    }
}
