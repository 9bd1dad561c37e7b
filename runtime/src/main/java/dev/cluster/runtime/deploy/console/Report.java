package dev.cluster.runtime.deploy.console;

/**
 * A command's result. {@code --output json} prints the record's components as JSON; text output
 * prints {@link #text()}.
 */
public interface Report {
  String text();
}
