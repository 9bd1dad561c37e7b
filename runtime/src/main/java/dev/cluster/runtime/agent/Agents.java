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
import java.util.Set;

/**
 * The single entry point of the in-cluster agents:
 * {@code java -cp runtime.jar dev.cluster.runtime.agent.Agents presence|elect|ambassador|volume|secrets-env|config-get|dns-updater|accounts-sync [options]}.
 * See runtime/README.md for each command line.
 */
public final class Agents {

    private static final String USAGE = """
            usage: Agents AGENT [--option value ...] [-- command]
              presence      keeps an instance's address in etcd under a lease
              elect         runs a command only while it leads an etcd election
              ambassador    steers a local HAProxy to a service's instances or leader
              volume        keeps a directory synced between replicas with Syncthing
              secrets-env   writes secrets from AWS Secrets Manager into an env file
              config-get    writes config files from etcd
              dns-updater   keeps Route 53 records on a service's instances
              accounts-sync gives the directory's group members local accounts (useradd/usermod/userdel)
            Each agent's options: runtime/README.md""";

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(USAGE);
            System.exit(0);
        }
        Options options;
        try {
            List<String> rest = List.of(args).subList(1, args.length);
            options = switch (args[0]) {
                case "secrets-env" -> Options.parseWithOperands(rest);
                case "accounts-sync" -> Options.parseWithFlags(rest, Set.of(AccountsSyncAgent.DRY_RUN));
                default -> Options.parse(rest);
            };
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int exit = switch (args[0]) {
            case "presence" -> PresenceAgent.run(options);
            case "elect" -> ElectAgent.run(options);
            case "ambassador" -> AmbassadorAgent.run(options);
            case "volume" -> VolumeAgent.run(options);
            case "secrets-env" -> SecretsEnvAgent.run(options);
            case "config-get" -> ConfigGetAgent.run(options);
            case "dns-updater" -> DnsUpdaterAgent.run(options);
            case "accounts-sync" -> AccountsSyncAgent.run(options);
            default -> {
                System.err.println("unknown agent " + args[0] + "; expected one of presence, elect, ambassador, volume, secrets-env, config-get, dns-updater, accounts-sync: "
                        + Arrays.toString(args));
                yield 2;
            }
        };
        System.exit(exit);
    }

    private Agents() {
    }
}
