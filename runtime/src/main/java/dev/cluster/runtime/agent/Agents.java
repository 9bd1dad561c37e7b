package dev.cluster.runtime.agent;

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
 * The single entry point of the in-cluster agents:
 * {@code java -cp runtime.jar dev.cluster.runtime.agent.Agents presence|elect|ambassador|volume|secrets-env|config-get|dns-updater|accounts-sync [options]}.
 * See runtime/README.md for each command line.
 */
public final class Agents {

    /** What one agent is: its name on the command line, a line of help, the options it takes and its body. */
    record Agent(String name, String summary, OptionSpec options, Body body) {
    }

    @FunctionalInterface
    interface Body {
        int run(Options options) throws Exception;
    }

    /** Every agent, in the order the usage lists them; each refuses options it does not take. */
    static final List<Agent> ALL = List.of(
            new Agent("presence", "keeps an instance's address in etcd under a lease",
                    OptionSpec.valued("etcd", "service", "instance", "host", "public-host", "port", "ttl"), PresenceAgent::run),
            new Agent("elect", "runs a command only while it leads an etcd election",
                    OptionSpec.valued("etcd", "name", "host", "port", "ttl", "docker-container", "safety-margin-ms",
                            "takeover-delay-ms"), ElectAgent::run),
            new Agent("ambassador", "steers a local HAProxy to a service's instances or leader",
                    OptionSpec.valued("etcd", "config", "run-dir", "haproxy"), AmbassadorAgent::run),
            new Agent("volume", "keeps a directory synced between replicas with Syncthing",
                    OptionSpec.valued("etcd", "service", "path-id", "instance", "dir", "home", "listen", "gui", "advertise",
                            "syncthing"), VolumeAgent::run),
            new Agent("secrets-env", "writes secrets from AWS Secrets Manager into an env file",
                    OptionSpec.valued("region", "out", "endpoint-url", "url").withOperands(), SecretsEnvAgent::run),
            new Agent("config-get", "writes config files from etcd",
                    OptionSpec.valued("etcd", "key", "out"), ConfigGetAgent::run),
            new Agent("dns-updater", "keeps Route 53 records on a service's instances",
                    OptionSpec.valued("etcd", "zone", "name", "service", "debounce-ms", "endpoint-url"), DnsUpdaterAgent::run),
            new Agent("accounts-sync", "gives the directory's group members local accounts (useradd/usermod/userdel)",
                    OptionSpec.valued("root", "keycloak-url", "realm", "client-id", "client-secret-file", "group",
                            "local-group", "shell", "state", "grace-period").withFlags(AccountsSyncAgent.DRY_RUN),
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
        Optional<Agent> agent = named(args[0]);
        if (agent.isEmpty()) {
            System.err.println("unknown agent " + args[0] + "; expected one of "
                    + ALL.stream().map(Agent::name).collect(Collectors.joining(", ")) + ": " + Arrays.toString(args));
            System.exit(2);
            return;
        }
        Options options;
        try {
            options = Options.parse(List.of(args).subList(1, args.length), agent.get().options());
        } catch (IllegalArgumentException e) {
            System.err.println(agent.get().name() + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(agent.get().body().run(options));
    }

    /** The agent of this name, e.g. to check a generated unit's command line against what the agent takes. */
    public static Optional<OptionSpec> optionsOf(String name) {
        return named(name).map(Agent::options);
    }

    private static Optional<Agent> named(String name) {
        return ALL.stream().filter(agent -> agent.name().equals(name)).findFirst();
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder("usage: Agents AGENT [--option value ...] [-- command]\n");
        ALL.forEach(agent -> usage.append(String.format("  %-13s %s%n", agent.name(), agent.summary())));
        return usage.append("Each agent's options: runtime/README.md").toString();
    }

    private Agents() {
    }
}
