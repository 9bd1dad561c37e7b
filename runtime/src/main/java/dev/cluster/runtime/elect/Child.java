package dev.cluster.runtime.elect;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command a leader runs. It is started through {@code setpriv --pdeathsig KILL} so that it dies with this
 * agent even on kill -9 (under systemd the unit's cgroup would be killed too, but tests and shells have none):
 * a leader's child must never outlive the agent that holds the lease.
 */
final class Child {

    private final Process process;

    private Child(Process process) {
        this.process = process;
    }

    static Child start(List<String> command) throws IOException {
        List<String> full = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "--"));
        full.addAll(command);
        return new Child(new ProcessBuilder(full).inheritIO().start());
    }

    boolean alive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM to the child and its descendants, SIGKILL to whatever is left after {@code grace}. */
    void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception stillRunning) {
                // killed below
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
