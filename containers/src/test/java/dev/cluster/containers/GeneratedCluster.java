package dev.cluster.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A cluster compiled by javac with the real annotation processor, as a team's build does, and what
 * the processor wrote for it: the tests wire images with the generated units and files, never with
 * values of their own.
 */
final class GeneratedCluster {
  private final Path outputs;

  private GeneratedCluster(Path outputs) {
    this.outputs = outputs;
  }

  /**
   * Compiles {@code sources} (simple class name to source) of package {@code pkg} into {@code dir}.
   */
  /**
   * The sources of a small cluster named {@code name} (class {@code clusterClass}) in eu-west-1: a
   * MAIN group {@code Main} of 3 and a WORKER group {@code Workers} of 2 to 4, with {@code
   * services} (class name to source).
   */
  static Map<String, String> withMainAndWorkers(
      String clusterClass, String name, Map<String, String> services) {
    Map<String, String> sources = new TreeMap<>(services);
    sources.put(
        clusterClass,
        """
        @Cluster(name = "%s", domain = "%s.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
        public class %s {}
        """
            .formatted(name, name, clusterClass));
    sources.put(
        "Main",
        """
        @NodeGroup(role = Role.MAIN, size = 3, instanceTypes = {"m6i.large", "m6a.large"})
        public class Main {}
        """);
    sources.put(
        "Workers",
        """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large"})
        public class Workers {}
        """);
    return Map.copyOf(sources);
  }

  static GeneratedCluster compile(Path dir, String pkg, Map<String, String> sources) {
    try {
      Path src = Files.createDirectories(dir.resolve("src").resolve(pkg));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      List<String> args =
          new ArrayList<>(
              List.of(
                  "-d",
                  classes.toString(),
                  "-classpath",
                  System.getProperty("java.class.path"),
                  "-processor",
                  "dev.cluster.processor.ClusterProcessor"));
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey() + ".java");
        Files.writeString(
            file,
            "package " + pkg + ";\n\nimport dev.cluster.annotations.*;\n\n" + source.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      // javac prints its diagnostics to the test's standard error
      int exit = javac.run(null, null, null, args.toArray(String[]::new));
      if (exit != 0) {
        throw new AssertionError(
            "javac with the cluster processor failed (exit " + exit + "): see standard error");
      }
      return new GeneratedCluster(classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The arguments a unit hands {@code secrets-env} after its {@code --region} and {@code --out}:
   * its {@code --url NAME=TEMPLATE}s and {@code NAME=SECRET_ID}s, as systemd passes them.
   */
  static List<String> secretsEnvArguments(String unit) {
    String line =
        unit.lines()
            .filter(l -> l.contains(" secrets-env "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no secrets-env in\n" + unit));
    List<String> words =
        List.of(
            line.substring(line.indexOf(" secrets-env ") + " secrets-env ".length()).split(" "));
    List<String> arguments = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).equals("--region") || words.get(i).equals("--out")) {
        i++;
      } else {
        arguments.add(systemdWord(words.get(i)));
      }
    }
    return arguments;
  }

  /**
   * The {@code NAME=VALUE} of each {@code -e} of a unit's {@code docker run} of the app, as docker
   * gets them.
   */
  static List<String> dockerEnv(String unit) {
    String start = unit.substring(unit.indexOf("ExecStart=/usr/bin/docker run"));
    start = start.substring(0, start.indexOf("\nExec"));
    return start
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("-e "))
        .map(l -> systemdWord(l.substring(3, l.length() - (l.endsWith(" \\") ? 2 : 0))))
        .toList();
  }

  /**
   * One word of an Exec line as systemd hands it over; the units quote only words with spaces or
   * quotes.
   */
  private static String systemdWord(String word) {
    if (word.startsWith("\"")) {
      throw new AssertionError("a quoted word, which this reader does not take: " + word);
    }
    return word.replace("%%", "%").replace("$$", "$");
  }

  /** The text of a generated file, {@code path} relative to {@code cluster/<name>/}. */
  String file(String clusterName, String path) {
    try {
      return Files.readString(outputs.resolve("cluster").resolve(clusterName).resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
