package dev.cluster.runtime.agent;

import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommand;
import dev.cluster.contract.agent.AgentCommands.AccountsSync;
import dev.cluster.contract.agent.AgentCommands.Ambassador;
import dev.cluster.contract.agent.AgentCommands.ConfigGet;
import dev.cluster.contract.agent.AgentCommands.DnsUpdater;
import dev.cluster.contract.agent.AgentCommands.Elect;
import dev.cluster.contract.agent.AgentCommands.Presence;
import dev.cluster.contract.agent.AgentCommands.SecretsEnv;
import dev.cluster.contract.agent.AgentCommands.Volume;
import dev.cluster.runtime.accounts.AccountsSyncAgent;
import dev.cluster.runtime.ambassador.AmbassadorAgent;
import dev.cluster.runtime.config.ConfigGetAgent;
import dev.cluster.runtime.dns.DnsUpdaterAgent;
import dev.cluster.runtime.elect.ElectAgent;
import dev.cluster.runtime.presence.PresenceAgent;
import dev.cluster.runtime.secrets.SecretsEnvAgent;
import dev.cluster.runtime.volume.VolumeAgent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The single entry point of the in-cluster agents: {@code java -cp runtime.jar
 * dev.cluster.runtime.agent.Agents
 * presence|elect|ambassador|volume|secrets-env|config-get|dns-updater|accounts-sync [options]}. See
 * runtime/README.md for each command line.
 */
public final class Agents {

  /**
   * What one agent is: its command line (the contract's, which the processor renders), a line of
   * help, its body.
   */
  record Agent<A>(AgentCommand<A> command, String summary, Body<A> body) {

    String name() {
      return command.name();
    }

    /**
     * Exit code 2, with the contract's message naming the agent and the flag, for a line it
     * refuses.
     */
    int run(List<String> args) throws Exception {
      AgentArgs<A> parsed;
      try {
        parsed = command.parse(args);
      } catch (IllegalArgumentException refused) {
        System.err.println(refused.getMessage());
        return 2;
      }
      return body.run(parsed);
    }
  }

  @FunctionalInterface
  interface Body<A> {
    int run(AgentArgs<A> options) throws Exception;
  }

  /** Every agent, in the order the usage lists them; each refuses options it does not take. */
  static final List<Agent<?>> ALL =
      List.of(
          new Agent<>(
              Presence.COMMAND,
              "keeps an instance's address in etcd under a lease",
              PresenceAgent::run),
          new Agent<>(
              Elect.COMMAND,
              "runs a command only while it leads an etcd election",
              ElectAgent::run),
          new Agent<>(
              Ambassador.COMMAND,
              "steers a local HAProxy to a service's instances or leader",
              AmbassadorAgent::run),
          new Agent<>(
              Volume.COMMAND,
              "keeps a directory synced between replicas with Syncthing",
              VolumeAgent::run),
          new Agent<>(
              SecretsEnv.COMMAND,
              "writes secrets from AWS Secrets Manager into an env file",
              SecretsEnvAgent::run),
          new Agent<>(ConfigGet.COMMAND, "writes config files from etcd", ConfigGetAgent::run),
          new Agent<>(
              DnsUpdater.COMMAND,
              "keeps Route 53 records on a service's instances",
              DnsUpdaterAgent::run),
          new Agent<>(
              AccountsSync.COMMAND,
              "gives the directory's group members local accounts (useradd/usermod/userdel)",
              AccountsSyncAgent::run));

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println(usage());
      System.exit(2);
    }
    if (args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(usage());
      System.exit(0);
    }
    Optional<Agent<?>> agent = named(args[0]);
    if (agent.isEmpty()) {
      System.err.println(
          "unknown agent "
              + args[0]
              + "; expected one of "
              + ALL.stream().map(Agent::name).collect(Collectors.joining(", "))
              + ": "
              + Arrays.toString(args));
      System.exit(2);
      return;
    }
    System.exit(agent.get().run(List.of(args).subList(1, args.length)));
  }

  private static Optional<Agent<?>> named(String name) {
    return ALL.stream().filter(agent -> agent.name().equals(name)).findFirst();
  }

  private static String usage() {
    StringBuilder usage =
        new StringBuilder("usage: Agents AGENT [--option value ...] [-- command]\n");
    ALL.forEach(
        agent -> usage.append(String.format("  %-13s %s%n", agent.name(), agent.summary())));
    return usage.append("Each agent's options: runtime/README.md").toString();
  }

  private Agents() {}
}
