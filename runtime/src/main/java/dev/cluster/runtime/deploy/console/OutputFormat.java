package dev.cluster.runtime.deploy.console;

import dev.cluster.runtime.deploy.cli.UsageException;

/** How results are printed on standard output. */
public enum OutputFormat {
  TEXT,
  JSON;

  public static OutputFormat parse(String value) {
    return switch (value) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw new UsageException("--output must be text or json, got '" + value + "'");
    };
  }
}
