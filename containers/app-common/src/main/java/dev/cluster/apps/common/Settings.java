package dev.cluster.apps.common;

import java.util.Map;
import java.util.Optional;

/**
 * An app's configuration as the cluster gives it: environment variables written into its unit, and
 * secrets that Secrets Manager hands over as environment variables when the unit starts.
 */
public record Settings(Map<String, String> values) {
  public Settings {
    values = Map.copyOf(values);
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
  }

  public String required(String name) {
    return optional(name)
        .orElseThrow(
            () -> new IllegalStateException("environment variable " + name + " is not set"));
  }

  public String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  public long number(String name, long fallback) {
    return optional(name).map(v -> parse(name, v)).orElse(fallback);
  }

  public boolean flag(String name) {
    return optional(name).map(Boolean::parseBoolean).orElse(false);
  }

  private static long parse(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "environment variable " + name + " is not a number: " + value, e);
    }
  }
}
