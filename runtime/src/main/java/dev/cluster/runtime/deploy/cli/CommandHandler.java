package dev.cluster.runtime.deploy.cli;

/** What one command does with a parsed request; returns the exit code. */
@FunctionalInterface
public interface CommandHandler {
  int run(Request request);
}
