package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agents image runs the runtime module's Agents main on its JRE, and carries the programs the agents
 * drive.
 */
class AgentsImageTest {
  @Test
  void helpNamesEveryAgent() {
    Command.Result help = Podman.runOnce(Podman.image("agents"), List.of(), "--help");
    assertEquals(0, help.exit(), help.describe());
    String text = help.out() + help.err();
    for (String agent : List.of("presence", "ambassador", "elect", "volume", "secrets-env", "config-get", "dns-updater", "accounts-sync")) {
      assertTrue(text.contains(agent), "--help names " + agent + ":\n" + text);
    }
  }

  @Test
  void carriesTheProgramsTheAgentsDriveAndRunsAsNonRoot() {
    String image = Podman.image("agents");
    List<String> shell = List.of("--entrypoint", "sh");
    assertTrue(Podman.runOnce(image, shell, "-c", "haproxy -v").orFail().out().contains("HAProxy version"));
    assertTrue(Podman.runOnce(image, shell, "-c", "syncthing --version").orFail().out().startsWith("syncthing v"));
    // accounts-sync changes a machine's accounts (as root, on the host's root) with the shadow tools
    Podman.runOnce(image, shell, "-c", "command -v useradd usermod userdel groupadd").orFail();
    assertEquals("agents\n", Podman.runOnce(image, shell, "-c", "id -un").orFail().out());
  }
}
