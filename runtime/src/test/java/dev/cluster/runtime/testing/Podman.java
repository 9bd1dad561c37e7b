package dev.cluster.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The host's podman (rootful, set up by scripts/podman-setup.sh) and the checkout's scripts the container tests
 * run: each call waits for its command within a bound and returns what it printed.
 */
public final class Podman {

    /** What one command printed (standard output and error apart) and returned. */
    public record Result(int exitCode, String out, String err) {
        public boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** The checkout's root, from the module's base directory Maven sets. */
    public static Path checkout() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
    }

    /** The local Debian base image scripts/podman-setup.sh makes for {@code suite} (cached: about a second once it exists). */
    public static String baseImage(String suite) {
        Result setup = command(List.of(checkout().resolve("scripts/podman-setup.sh").toString(), suite), Duration.ofMinutes(10));
        if (!setup.ok()) {
            fail("scripts/podman-setup.sh " + suite + " failed: " + setup);
        }
        return setup.out().strip();
    }

    /** {@code podman ARGS...}; {@link Result#exitCode()} -1 when it did not finish within {@code timeout}. */
    public static Result run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("podman", "podman").toString()));
        command.addAll(List.of(args));
        return command(command, timeout);
    }

    /** {@code podman ARGS...}, failing the test with what podman said unless it exits 0; its standard output. */
    public static String check(Duration timeout, String... args) {
        Result result = run(timeout, args);
        if (!result.ok()) {
            fail("podman " + String.join(" ", args) + " failed: " + result);
        }
        return result.out();
    }

    /** Runs a command to its end (killed after {@code timeout}: exit -1), with its output read on the side. */
    public static Result command(List<String> command, Duration timeout) {
        try {
            Path err = Files.createTempFile("command", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "(output unreadable: " + e.getMessage() + ")";
                    }
                });
                boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                String printed = out.get(10, TimeUnit.SECONDS);
                return new Result(finished ? process.exitValue() : -1, printed, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + command, e);
        }
    }

    private Podman() {
    }
}
