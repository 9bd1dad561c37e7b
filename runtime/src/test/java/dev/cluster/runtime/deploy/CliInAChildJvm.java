package dev.cluster.runtime.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The deploy client of a test cluster as its own process, for tests that send it signals (Ctrl-C is SIGINT to the
 * JVM, which runs its shutdown hooks and exits 130). The cluster is named by a key of {@link #CLUSTERS}.
 */
public final class CliInAChildJvm {
    static final Map<String, Supplier<ClusterDescriptor>> CLUSTERS = Map.of(
            "team", TestClusters::team,
            "pgtest", () -> TestClusters.teamNamed("pgtest"),
            "gerrit-v2", () -> TestClusters.gerrit("deploy/units/gerrit@.service.v2"));

    private CliInAChildJvm() {
    }

    /** Starts the client of {@code cluster} with {@code args}; its standard output discarded, its errors to read. */
    public static Process start(String cluster, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CliInAChildJvm.class.getName(), cluster));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        ClusterDescriptor cluster = CLUSTERS.get(args[0]).get();
        System.exit(DeployCli.run(cluster, List.of(args).subList(1, args.length).toArray(String[]::new)));
    }
}
