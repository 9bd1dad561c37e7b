package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.fail;

import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares generated files byte for byte with the golden files under {@code
 * src/test/resources/golden/}, and lists every difference with the first lines that differ. With
 * {@code -Dgolden.update=true} it rewrites the golden files instead (then review them with {@code
 * git diff}).
 */
public final class GoldenFiles {
  static final String UPDATE_PROPERTY = "golden.update";
  private static final Path SOURCE_ROOT = Path.of("src/test/resources/golden");

  private GoldenFiles() {}

  /**
   * {@code files} keyed by their path under {@code stripPrefix}, compared with {@code
   * golden/<name>/}.
   */
  public static void assertMatch(String name, String stripPrefix, List<GeneratedFile> files) {
    Map<String, String> actual = new TreeMap<>();
    for (GeneratedFile file : files) {
      if (!file.path().startsWith(stripPrefix)) {
        throw new IllegalArgumentException(file.path() + " is not under " + stripPrefix);
      }
      actual.put(file.path().substring(stripPrefix.length()), file.text());
    }
    Path dir = SOURCE_ROOT.resolve(name);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      rewrite(dir, actual);
      return;
    }
    Map<String, String> expected = read(dir);
    List<String> differences = new ArrayList<>();
    for (String path : new TreeSet<>(union(expected, actual))) {
      String want = expected.get(path);
      String got = actual.get(path);
      if (want == null) {
        differences.add("+ " + path + ": generated, but no golden file");
      } else if (got == null) {
        differences.add("- " + path + ": golden file, but no longer generated");
      } else if (!want.equals(got)) {
        differences.add("~ " + path + ":\n" + firstDifference(want, got));
      }
    }
    if (!differences.isEmpty()) {
      fail(
          differences.size()
              + " generated file(s) differ from "
              + dir
              + ":\n"
              + String.join("\n", differences)
              + "\nIf the change is intended, rewrite the golden files with"
              + " mvn -pl processor test -Dtest="
              + callerClass()
              + " -D"
              + UPDATE_PROPERTY
              + "=true and review git diff.");
    }
  }

  private static TreeSet<String> union(Map<String, String> a, Map<String, String> b) {
    TreeSet<String> all = new TreeSet<>(a.keySet());
    all.addAll(b.keySet());
    return all;
  }

  private static String firstDifference(String want, String got) {
    String[] wantLines = want.split("\n", -1);
    String[] gotLines = got.split("\n", -1);
    int line = 0;
    while (line < wantLines.length
        && line < gotLines.length
        && wantLines[line].equals(gotLines[line])) {
      line++;
    }
    StringBuilder out = new StringBuilder();
    for (int i = line; i < Math.min(line + 3, Math.max(wantLines.length, gotLines.length)); i++) {
      out.append("    line ")
          .append(i + 1)
          .append('\n')
          .append("      golden:    ")
          .append(i < wantLines.length ? wantLines[i] : "<end of file>")
          .append('\n')
          .append("      generated: ")
          .append(i < gotLines.length ? gotLines[i] : "<end of file>")
          .append('\n');
    }
    return out.toString();
  }

  private static Map<String, String> read(Path dir) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        files.put(
            dir.relativize(path).toString().replace('\\', '/'),
            Files.readString(path, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static void rewrite(Path dir, Map<String, String> files) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> old = Files.walk(dir)) {
          for (Path path : old.sorted((a, b) -> b.compareTo(a)).toList()) {
            Files.delete(path);
          }
        }
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String callerClass() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(
            frames ->
                frames
                    .map(f -> f.getDeclaringClass())
                    .filter(c -> c != GoldenFiles.class)
                    .findFirst()
                    .map(Class::getSimpleName)
                    .orElse("*GoldenTest"));
  }
}
