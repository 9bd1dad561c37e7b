package dev.cluster.runtime.agent;

import dev.cluster.runtime.ambassador.AmbassadorAgent;
import dev.cluster.runtime.elect.ElectAgent;
import dev.cluster.runtime.presence.PresenceAgent;
import dev.cluster.runtime.volume.VolumeAgent;

import java.util.Arrays;
import java.util.List;

/**
 * The single entry point of the in-cluster agents:
 * {@code java -cp runtime.jar dev.cluster.runtime.agent.Agents presence|elect|ambassador|volume [options]}.
 * See runtime/README.md for each command line.
 */
public final class Agents {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Agents presence|elect|ambassador|volume [--option value ...] [-- command]");
            System.exit(2);
        }
        Options options;
        try {
            options = Options.parse(List.of(args).subList(1, args.length));
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
            default -> {
                System.err.println("unknown agent " + args[0] + "; expected one of presence, elect, ambassador, volume: "
                        + Arrays.toString(args));
                yield 2;
            }
        };
        System.exit(exit);
    }

    private Agents() {
    }
}
