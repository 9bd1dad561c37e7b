package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The agents image runs the runtime module's Agents main on its JRE, and carries the programs the agents
 * drive.
 */
class AgentsImageTest {
  private static final String MAIN = "dev/cluster/runtime/agent/Agents.class";

  /** Aborted, and reported as such, only while the runtime module has no Agents main at all. */
  @Test
  void helpNamesEveryAgent() throws IOException {
    Assumptions.assumeTrue(runtimeHasMain(), "the runtime jar has no " + MAIN + " yet: nothing to run");
    Command.Result help = Podman.runOnce(Podman.image("agents"), List.of(), "--help");
    assertEquals(0, help.exit(), help.describe());
    String text = help.out() + help.err();
    for (String agent : List.of("presence", "ambassador", "elect", "volume")) {
      assertTrue(text.contains(agent), "--help names " + agent + ":\n" + text);
    }
  }

  @Test
  void carriesTheProgramsTheAgentsDriveAndRunsAsNonRoot() {
    String image = Podman.image("agents");
    List<String> shell = List.of("--entrypoint", "sh");
    assertTrue(Podman.runOnce(image, shell, "-c", "haproxy -v").orFail().out().contains("HAProxy version"));
    assertTrue(Podman.runOnce(image, shell, "-c", "syncthing --version").orFail().out().startsWith("syncthing v"));
    assertEquals("agents\n", Podman.runOnce(image, shell, "-c", "id -un").orFail().out());
  }

  private static boolean runtimeHasMain() throws IOException {
    Path lib = Podman.CONTAINERS.resolve("agents/target/lib");
    try (Stream<Path> jars = Files.list(lib)) {
      Path runtime = jars.filter(p -> p.getFileName().toString().matches("runtime-.*\\.jar")).findFirst()
          .orElseThrow(() -> new AssertionError("no runtime jar in " + lib + ": run mvn package"));
      try (ZipFile jar = new ZipFile(runtime.toFile())) {
        return jar.getEntry(MAIN) != null;
      }
    }
  }
}
