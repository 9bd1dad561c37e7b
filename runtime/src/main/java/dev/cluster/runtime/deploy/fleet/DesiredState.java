package dev.cluster.runtime.deploy.fleet;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** fleet's unit states: submitted only, loaded on a machine, or running. */
public enum DesiredState {
  INACTIVE,
  LOADED,
  LAUNCHED;

  public static Optional<DesiredState> fromWire(String state) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(state)).findFirst();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
