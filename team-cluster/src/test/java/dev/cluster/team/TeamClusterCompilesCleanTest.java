package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own cluster passes every rule without a warning: compiles team-cluster's sources with the
 * cluster processor, as the build does, and fails on any error or warning, so a new rule that our
 * cluster trips over is noticed where the rule is added.
 */
class TeamClusterCompilesCleanTest {
  private static final Path SOURCES =
      Path.of(System.getProperty("basedir", "."), "src", "main", "java");

  @Test
  void teamClusterCompilesWithoutErrorsOrWarnings(@TempDir Path output) throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertFalse(sources.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    boolean ok;
    try (StandardJavaFileManager manager =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      ok =
          javac
              .getTask(
                  null,
                  manager,
                  diagnostics,
                  List.of(
                      "--release",
                      "17",
                      "-d",
                      output.toString(),
                      "-classpath",
                      System.getProperty("java.class.path"),
                      // As the build runs it: no option, the framework's images come from the
                      // processor's own index.
                      "-processor",
                      "dev.cluster.processor.ClusterProcessor"),
                  null,
                  manager.getJavaFileObjectsFromPaths(sources))
              .call();
    }

    String reported =
        diagnostics.getDiagnostics().stream()
            .map(
                d ->
                    d.getKind()
                        + " "
                        + (d.getSource() == null
                            ? ""
                            : d.getSource().getName() + ":" + d.getLineNumber())
                        + " "
                        + d.getMessage(Locale.ROOT))
            .collect(Collectors.joining("\n"));
    assertTrue(ok, reported);
    assertEquals(
        List.of(),
        diagnostics.getDiagnostics().stream()
            .filter(
                d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER)
            .map(d -> d.getKind() + " " + d.getMessage(Locale.ROOT))
            .toList(),
        reported);
    assertTrue(
        Files.exists(output.resolve("cluster/team/template.json")), "the template was not written");
    assertTrue(
        Files.exists(output.resolve("cluster/team/images.json")),
        "the images of containers/ were not named");
  }
}
