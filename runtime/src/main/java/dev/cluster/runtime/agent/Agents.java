package dev.cluster.runtime.agent;

import dev.cluster.runtime.ambassador.AmbassadorAgent;
import dev.cluster.runtime.config.ConfigGetAgent;
import dev.cluster.runtime.dns.DnsUpdaterAgent;
import dev.cluster.runtime.elect.ElectAgent;
import dev.cluster.runtime.presence.PresenceAgent;
import dev.cluster.runtime.secrets.SecretsEnvAgent;
import dev.cluster.runtime.volume.VolumeAgent;

import java.util.Arrays;
import java.util.List;

/**
 * The single entry point of the in-cluster agents:
 * {@code java -cp runtime.jar dev.cluster.runtime.agent.Agents presence|elect|ambassador|volume|secrets-env|config-get|dns-updater [options]}.
 * See runtime/README.md for each command line.
 */
public final class Agents {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Agents presence|elect|ambassador|volume|secrets-env|config-get|dns-updater [--option value ...] [-- command]");
            System.exit(2);
        }
        Options options;
        try {
            List<String> rest = List.of(args).subList(1, args.length);
            options = args[0].equals("secrets-env") ? Options.parseWithOperands(rest) : Options.parse(rest);
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
            default -> {
                System.err.println("unknown agent " + args[0] + "; expected one of presence, elect, ambassador, volume, secrets-env, config-get, dns-updater: "
                        + Arrays.toString(args));
                yield 2;
            }
        };
        System.exit(exit);
    }

    private Agents() {
    }
}
