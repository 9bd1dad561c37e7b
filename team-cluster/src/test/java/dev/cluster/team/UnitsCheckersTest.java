package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The team cluster's generated units and HAProxy configs, checked by the tools that run them: systemd's
 * own parser ({@code scripts/check-units.sh}) on every fleet unit and every node group's boot units, and
 * {@code haproxy -c -dW} ({@code scripts/check-haproxy.sh}) on every ambassador config. The processor
 * wrote them into {@code target/classes} when this module compiled.
 */
class UnitsCheckersTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SCRIPTS = MODULE.getParent().resolve("scripts");
  private static final Path OUTPUT = MODULE.resolve("target/classes/cluster/team");

  @Test
  void everyUnitPassesSystemdAnalyzeVerify() throws Exception {
    requireTool("systemd-analyze", "systemd");
    List<String> args = new ArrayList<>(List.of(SCRIPTS.resolve("check-units.sh").toString(),
        OUTPUT.resolve("units").toString()));
    try (Stream<Path> groups = Files.list(OUTPUT.resolve("nodes"))) {
      groups.filter(Files::isDirectory).sorted().forEach(g -> args.add(g.toString()));
    }
    assertEquals(List.of("systemd-analyze verify: " + countUnits() + " units ok"), run(args));
  }

  @Test
  void everyAmbassadorConfigPassesHaproxyCheck() throws Exception {
    requireTool("haproxy", "haproxy");
    List<String> configs = files(OUTPUT.resolve("config"), ".cfg");
    assertFalse(configs.isEmpty(), "no HAProxy config under " + OUTPUT.resolve("config"));
    List<String> args = new ArrayList<>(List.of(SCRIPTS.resolve("check-haproxy.sh").toString()));
    args.addAll(configs);
    List<String> out = run(args);
    assertTrue(out.stream().allMatch(line -> line.startsWith("ok ")), String.join("\n", out));
  }

  private static long countUnits() throws IOException {
    try (Stream<Path> all = Files.walk(OUTPUT)) {
      return all.filter(p -> !p.toString().contains("/files/") && !p.toString().contains("/config/"))
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".service") || n.endsWith(".socket") || n.endsWith(".timer") || n.endsWith(".target"))
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
    Process which = new ProcessBuilder("bash", "-c", "PATH=$PATH:/usr/sbin:/sbin command -v " + tool).start();
    if (which.waitFor() != 0) {
      fail(tool + " is not installed, and the generated files cannot be checked without it: run "
          + SCRIPTS.resolve("test-deps.sh") + " (it apt-get installs " + debianPackage + ")");
    }
  }
}
