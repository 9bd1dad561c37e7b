package dev.cluster.runtime.elect;

import dev.cluster.runtime.testing.Processes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts elect agents (separate JVMs) campaigning for one name, each wrapping a tagged child. */
public record Contenders(
    Processes processes,
    String etcdEndpoints,
    String name,
    int ttlSeconds,
    Path logs,
    LeaderChildren children) {

  public Process start(int contender) {
    return start(contender, children.command(contender));
  }

  public Process start(int contender, List<String> command) {
    return start(contender, List.of(), command);
  }

  /** With more of elect's options, e.g. {@code --takeover-delay-ms 0}. */
  public Process start(int contender, List<String> options, List<String> command) {
    return processes.startAgent(args(contender, options, command), log(contender));
  }

  /**
   * The agent of another build: its classes ahead of the test's class path (benchmarks: before a
   * change).
   */
  public Process start(
      Path classesFirst, int contender, List<String> options, List<String> command) {
    return processes.startAgent(classesFirst, args(contender, options, command), log(contender));
  }

  private List<String> args(int contender, List<String> options, List<String> command) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "elect",
                "--etcd",
                etcdEndpoints,
                "--name",
                name,
                "--ttl",
                String.valueOf(ttlSeconds),
                "--host",
                "127.0.0.1",
                "--port",
                "main=" + (7000 + contender)));
    args.addAll(options);
    args.add("--");
    args.addAll(command);
    return args;
  }

  private Path log(int contender) {
    return logs.resolve("elect-" + name + "-" + contender + ".log");
  }
}
