package dev.cluster.runtime.deploy.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** fleet's Machine entity. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FleetMachine(String id, String primaryIP, Map<String, String> metadata) {
  public FleetMachine {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
