package dev.cluster.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor's steps depend one way: reading, validating and generating each report through
 * {@code diag} and build on {@code model}, and none reaches back into a step that depends on it.
 * Read from the imports and qualified names of the main sources, by the processor's top-level
 * packages.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/cluster/processor");
  private static final Pattern REFERENCE =
      Pattern.compile("(?<![\\w.])dev\\.cluster\\.processor\\.([a-z]+)\\.");

  @Test
  void theTopLevelPackagesHaveNoCycle() {
    Map<String, Set<String>> dependencies = dependencies();
    assertTrue(
        dependencies
            .keySet()
            .containsAll(
                Set.of("diag", "generate", "model", "naming", "read", "validate", "write")),
        "read the sources: " + dependencies.keySet());
    assertEquals(Optional.empty(), cycle(dependencies), "packages that depend on each other");
  }

  /**
   * A rule checks what a generator will write without importing the generator, and a generator
   * never reports through a rule: what both need (a name, a grammar, a value type) lives in {@code
   * naming} or {@code model}, and {@code naming} builds on the model alone.
   */
  @Test
  void validationAndGenerationShareOnlyModelAndNaming() {
    Map<String, Set<String>> dependencies = dependencies();
    assertFalse(
        dependencies.get("validate").contains("generate"),
        "validate/ uses generate/; move what both need to naming/ or model/: "
            + dependencies.get("validate"));
    assertFalse(
        dependencies.get("generate").contains("validate"),
        "generate/ uses validate/; move what both need to naming/ or model/: "
            + dependencies.get("generate"));
    assertEquals(Set.of("model"), dependencies.get("naming"), "naming/ builds on the model alone");
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> dependencies =
        Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of());
    assertEquals(Optional.of(List.of("a", "b", "c", "a")), cycle(dependencies));
  }

  private static Map<String, Set<String>> dependencies() {
    Map<String, Set<String>> dependencies = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = SOURCES.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the processor's entry point, above every step
        }
        String from = relative.getName(0).toString();
        Set<String> to = dependencies.computeIfAbsent(from, p -> new TreeSet<>());
        Matcher references = REFERENCE.matcher(Files.readString(file));
        while (references.find()) {
          if (!references.group(1).equals(from)) {
            to.add(references.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dependencies;
  }

  /** A path from a package back to itself, if there is one. */
  static Optional<List<String>> cycle(Map<String, Set<String>> dependencies) {
    Set<String> done = new TreeSet<>();
    for (String start : new TreeSet<>(dependencies.keySet())) {
      Optional<List<String>> found = cycleFrom(start, dependencies, new ArrayList<>(), done);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> cycleFrom(
      String node, Map<String, Set<String>> dependencies, List<String> path, Set<String> done) {
    int seen = path.indexOf(node);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(node);
      return Optional.of(cycle);
    }
    if (done.contains(node)) {
      return Optional.empty();
    }
    path.add(node);
    for (String next : dependencies.getOrDefault(node, Set.of())) {
      Optional<List<String>> found = cycleFrom(next, dependencies, path, done);
      if (found.isPresent()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    done.add(node);
    return Optional.empty();
  }
}
