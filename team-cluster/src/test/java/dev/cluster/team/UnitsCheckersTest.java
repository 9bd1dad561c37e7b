package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cluster.runtime.ambassador.AmbassadorConfig;
import dev.cluster.runtime.ambassador.HaproxyConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team cluster's generated units and ambassador JSON, checked by the tools that run them:
 * systemd's own parser ({@code scripts/check-units.sh}) on every fleet unit and every node group's
 * boot units, and, for every ambassador, the runtime agent's own JSON reader and HAProxy renderer
 * followed by {@code haproxy -c -dW} ({@code scripts/check-haproxy.sh}). The processor wrote them
 * into {@code target/classes} when this module compiled.
 */
class UnitsCheckersTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SCRIPTS = MODULE.getParent().resolve("scripts");
  private static final Path OUTPUT = MODULE.resolve("target/classes/cluster/team");
  private static final Path GOLDEN =
      MODULE.getParent().resolve("processor/src/test/resources/golden/units-and-configs");

  @Test
  void everyUnitPassesSystemdAnalyzeVerify() throws Exception {
    requireTool("systemd-analyze", "systemd");
    List<String> args =
        new ArrayList<>(
            List.of(
                SCRIPTS.resolve("check-units.sh").toString(), OUTPUT.resolve("units").toString()));
    try (Stream<Path> groups = Files.list(OUTPUT.resolve("nodes"))) {
      groups.filter(Files::isDirectory).sorted().forEach(g -> args.add(g.toString()));
    }
    assertEquals(List.of("systemd-analyze verify: " + countUnits() + " units ok"), run(args));
  }

  /**
   * The processor writes each ambassador's JSON, and the runtime's agent renders HAProxy's
   * configuration from it: read every JSON with the agent's own reader and renderer, then check
   * what HAProxy would load.
   */
  @Test
  void everyAmbassadorJsonIsReadByTheAgentAndRendersAConfigHaproxyAccepts(@TempDir Path rendered)
      throws Exception {
    checkAmbassadors(OUTPUT.resolve("config/ambassadors"), rendered);
  }

  /**
   * The team cluster's ambassadors all lead to databases (targets patroni and election); the
   * processor's golden model also has one to every healthy instance of an app (target instances)
   * and one per port of a two-port service.
   */
  @Test
  void theProcessorsGoldenAmbassadorsOfEveryTargetKindPassToo(@TempDir Path rendered)
      throws Exception {
    List<AmbassadorConfig> configs =
        checkAmbassadors(GOLDEN.resolve("config/ambassadors"), rendered);
    assertEquals(
        Set.of("Instances", "ElectionLeader", "PatroniLeader"),
        configs.stream()
            .map(c -> c.target().getClass().getSimpleName())
            .collect(Collectors.toSet()));
  }

  private static List<AmbassadorConfig> checkAmbassadors(Path dir, Path rendered) throws Exception {
    requireTool("haproxy", "haproxy");
    List<String> jsons = files(dir, ".json");
    assertFalse(jsons.isEmpty(), "no ambassador JSON under " + dir);
    List<String> args = new ArrayList<>(List.of(SCRIPTS.resolve("check-haproxy.sh").toString()));
    List<AmbassadorConfig> configs = new ArrayList<>();
    for (String json : jsons) {
      AmbassadorConfig config = AmbassadorConfig.read(Path.of(json));
      configs.add(config);
      Path user = Path.of(json).getParent().getFileName();
      Path cfg = rendered.resolve(user + "-" + config.name() + ".cfg");
      Files.writeString(
          cfg,
          HaproxyConfig.render(config, rendered.resolve(user + "-" + config.name() + ".sock")));
      args.add(cfg.toString());
    }
    List<String> out = run(args);
    assertTrue(out.stream().allMatch(line -> line.startsWith("ok ")), String.join("\n", out));
    assertEquals(jsons.size(), out.size(), String.join("\n", out));
    return configs;
  }

  @Test
  void theProcessorWritesNoHaproxyConfigOfItsOwn() throws IOException {
    // Buildbot's master.cfg is Python; an HAProxy configuration is made of these sections.
    Pattern haproxySection = Pattern.compile("(?m)^(global|defaults|frontend|backend|listen)\\b");
    assertEquals(
        List.of(),
        files(OUTPUT, ".cfg").stream()
            .filter(file -> haproxySection.matcher(ProjectFiles.read(Path.of(file))).find())
            .toList());
  }

  private static long countUnits() throws IOException {
    try (Stream<Path> all = Files.walk(OUTPUT)) {
      return all.filter(
              p -> !p.toString().contains("/files/") && !p.toString().contains("/config/"))
          .map(p -> p.getFileName().toString())
          .filter(
              n ->
                  n.endsWith(".service")
                      || n.endsWith(".socket")
                      || n.endsWith(".timer")
                      || n.endsWith(".target"))
          .count();
    }
  }

  private static List<String> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.toString().endsWith(suffix)).map(Path::toString).sorted().toList();
    }
  }

  /** Runs a checker; a non-zero exit fails the test with everything the checker printed. */
  private static List<String> run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit != 0) {
      fail(String.join(" ", command.subList(0, 1)) + " failed (exit " + exit + "):\n" + out);
    }
    return out.lines().toList();
  }

  private static void requireTool(String tool, String debianPackage) throws Exception {
    Process which =
        new ProcessBuilder("bash", "-c", "PATH=$PATH:/usr/sbin:/sbin command -v " + tool).start();
    if (which.waitFor() != 0) {
      fail(
          tool
              + " is not installed, and the generated files cannot be checked without it: run "
              + SCRIPTS.resolve("test-deps.sh")
              + " (it apt-get installs "
              + debianPackage
              + ")");
    }
  }
}
