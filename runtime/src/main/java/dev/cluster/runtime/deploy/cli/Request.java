package dev.cluster.runtime.deploy.cli;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.runtime.deploy.console.Console;

/** What a command runs on: the cluster, the parsed command line and the user's console. */
public record Request(ClusterDescriptor cluster, Invocation invocation, Console console) {
  public String stackName() {
    return invocation.value(Option.STACK).orElse(cluster.name());
  }
}
