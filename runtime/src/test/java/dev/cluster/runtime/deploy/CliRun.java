package dev.cluster.runtime.deploy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One run of {@link DeployCli} with captured output. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun withInput(ClusterDescriptor cluster, String stdin, String... args) {
        return run(cluster, stdin, false, args);
    }

    /** As a user at a terminal runs it, typing {@code stdin}. */
    public static CliRun onTerminal(ClusterDescriptor cluster, String stdin, String... args) {
        return run(cluster, stdin, true, args);
    }

    private static CliRun run(ClusterDescriptor cluster, String stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DeployContext context = new DeployContext(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), terminal, Duration.ofMillis(5));
        int exitCode = DeployCli.run(cluster, args, context);
        return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static CliRun run(ClusterDescriptor cluster, String... args) {
        return withInput(cluster, "", args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
