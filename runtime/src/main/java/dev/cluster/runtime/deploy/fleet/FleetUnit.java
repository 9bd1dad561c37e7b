package dev.cluster.runtime.deploy.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** fleet's Unit entity; states are fleet's strings ("inactive", "loaded", "launched"). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetUnit(
    String name,
    List<UnitOption> options,
    String desiredState,
    String currentState,
    String machineID) {
  public FleetUnit {
    options = options == null ? List.of() : List.copyOf(options);
  }
}
