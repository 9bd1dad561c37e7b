package dev.cluster.processor.generate.nodes;

import dev.cluster.processor.generate.text.SystemdUnit;
import java.util.List;

/**
 * What a node group's boot configuration installs on each machine: files, and units it enables and
 * starts.
 */
public record NodeSetup(List<NodeFile> files, List<SystemdUnit> units) {
  public NodeSetup {
    files = List.copyOf(files);
    units = List.copyOf(units);
  }
}
