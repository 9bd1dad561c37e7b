package dev.cluster.runtime.elect;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The container a leader's {@code docker run} child started. The docker daemon runs it, not the client, so it is no
 * descendant of the agent: stopping the client (SIGKILL after the grace period, or the client's death with the agent)
 * leaves it running. Fencing therefore also kills it by name, once the child is stopped.
 */
record DockerContainer(String name) {

    /**
     * {@code docker kill NAME}, waiting at most {@code within} (a slower kill goes on by itself); a container already
     * gone is fine.
     */
    void kill(Duration within) {
        try {
            Process kill = new ProcessBuilder(List.of("docker", "kill", name)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("elect: docker kill " + name + " did not return within " + within.toMillis() + " ms");
            }
        } catch (IOException e) {
            System.out.println("elect: cannot run docker kill " + name + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
