package dev.cluster.runtime.deploy.fleet;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** fleet's UnitState entity: what systemd reports for a unit on one machine. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnitState(
    String name,
    String hash,
    String machineID,
    String systemdLoadState,
    String systemdActiveState,
    String systemdSubState) {}
