package dev.cluster.runtime.accounts;

import java.util.List;

/**
 * The changes to make, in order, and the directory accounts left alone with the reason (each one a
 * log line).
 */
public record Plan(List<Change> changes, List<String> skipped) {
  public Plan {
    changes = List.copyOf(changes);
    skipped = List.copyOf(skipped);
  }
}
