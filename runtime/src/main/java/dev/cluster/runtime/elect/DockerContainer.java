package dev.cluster.runtime.elect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The container a leader's {@code docker run} child started. The docker daemon runs it, not the
 * client, so it is no descendant of the agent: stopping the client (SIGKILL after the grace period,
 * or the client's death with the agent) leaves it running. Fencing therefore also kills it by name,
 * once the child is stopped.
 */
record DockerContainer(String name) {

  /**
   * {@code docker kill NAME}, waiting at most {@code within} (a slower kill goes on by itself).
   *
   * @return whether the container is known to be gone: killed, or no such container
   */
  boolean kill(Duration within) {
    try {
      Process kill =
          new ProcessBuilder(List.of("docker", "kill", name)).redirectErrorStream(true).start();
      if (!kill.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        System.out.println(
            "elect: docker kill " + name + " did not return within " + within.toMillis() + " ms");
        return false;
      }
      String output =
          new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .toLowerCase(Locale.ROOT);
      // docker says "No such container", podman "no container with name or ID"
      return kill.exitValue() == 0
          || output.contains("no such container")
          || output.contains("no container with");
    } catch (IOException e) {
      System.out.println("elect: cannot run docker kill " + name + ": " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
