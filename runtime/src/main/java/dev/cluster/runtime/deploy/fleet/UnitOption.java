package dev.cluster.runtime.deploy.fleet;

import java.util.Objects;

/** One {@code Name=Value} line of a unit file's {@code [Section]}, as fleet's API carries it. */
public record UnitOption(String section, String name, String value) {
  public UnitOption {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
