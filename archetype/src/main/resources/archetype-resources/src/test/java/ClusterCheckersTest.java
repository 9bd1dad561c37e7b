package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cluster.runtime.ambassador.AmbassadorConfig;
import dev.cluster.runtime.ambassador.HaproxyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated units and ambassadors, checked by the tools that run them, with dev-cluster's own checkers
 * (its scripts/check-units.sh: systemd's parser; scripts/check-haproxy.sh: haproxy -c). They live in the
 * framework's source tree, not in its artifacts: run with {@code -Ddev.cluster.scripts=<dev-cluster>/scripts}
 * (and systemd-analyze and haproxy installed), else these tests are skipped.
 */
class ClusterCheckersTest {
  private static final String SCRIPTS_PROPERTY = "dev.cluster.scripts";

  /** The checkers' folder; skips the test (each test, so that each reports why) when it is not given. */
  private static Path scripts() {
    String dir = System.getProperty(SCRIPTS_PROPERTY, "");
    assumeTrue(!dir.isEmpty() && Files.isRegularFile(Path.of(dir, "check-units.sh")),
        "dev-cluster's checkers are not given: -D" + SCRIPTS_PROPERTY + "=<dev-cluster>/scripts runs them"
            + (dir.isEmpty() ? "" : " (no check-units.sh in " + dir + ")"));
    return Path.of(dir);
  }

  @Test
  void everyUnitPassesSystemdAnalyzeVerify() throws Exception {
    List<String> command = new ArrayList<>(List.of(scripts().resolve("check-units.sh").toString(),
        ClusterOutputsTest.OUTPUTS.resolve("units").toString()));
    try (Stream<Path> groups = Files.list(ClusterOutputsTest.OUTPUTS.resolve("nodes"))) {
      groups.filter(Files::isDirectory).sorted().forEach(group -> command.add(group.toString()));
    }

    String out = run(command);

    assertTrue(out.matches("systemd-analyze verify: \\d+ units ok\\s*"), out);
  }

  @Test
  void everyAmbassadorIsReadByTheAgentAndRendersAConfigHaproxyAccepts(@TempDir Path rendered) throws Exception {
    Path scripts = scripts();
    List<Path> jsons;
    try (Stream<Path> files = Files.walk(ClusterOutputsTest.OUTPUTS.resolve("config/ambassadors"))) {
      jsons = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertEquals(1, jsons.size(), "web's one ambassador, to the cache: " + jsons);
    List<String> command = new ArrayList<>(List.of(scripts.resolve("check-haproxy.sh").toString()));
    for (Path json : jsons) {
      AmbassadorConfig config = AmbassadorConfig.read(json);
      Path cfg = rendered.resolve(json.getParent().getFileName() + "-" + config.name() + ".cfg");
      Files.writeString(cfg, HaproxyConfig.render(config, rendered.resolve(config.name() + ".sock")));
      command.add(cfg.toString());
    }

    String out = run(command);

    assertEquals(jsons.size(), out.lines().filter(line -> line.startsWith("ok ")).count(), out);
  }

  /** Runs a checker; a non-zero exit (a finding, or its tool missing) fails the test with what it printed. */
  private static String run(List<String> command) throws Exception {
    Path output = Files.createTempFile("checker", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      process.getOutputStream().close();
      boolean finished = process.waitFor(300, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String out = Files.readString(output, StandardCharsets.UTF_8);
      assertTrue(finished, command.get(0) + " did not finish in 300 s:\n" + out);
      assertEquals(0, process.exitValue(), command.get(0) + " failed:\n" + out);
      return out;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
