package dev.cluster.processor.bench;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Prints how long javac takes on synthetic clusters of 10, 100 and 1000 services with the processor and
 * without it ({@code -proc:none}), measured alternately in one run so both see the same machine; the
 * ratio is the figure to compare across machines. Run with {@code processor/bench/run.sh}.
 */
public final class ProcessorBenchmark {
  private static final int WARMUP = 3;

  private ProcessorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path root = Files.createTempDirectory("processor-bench");
    try {
      System.out.printf("%-9s %-7s %16s %16s %8s%n", "services", "files", "javac+processor", "javac alone", "ratio");
      for (int services : new int[] {10, 100, 1000}) {
        List<File> sources = writeCluster(root.resolve("src" + services), services);
        for (int i = 0; i < WARMUP; i++) {
          compile(sources, root.resolve("warm"), true);
          compile(sources, root.resolve("warm"), false);
        }
        long[] with = new long[runs];
        long[] without = new long[runs];
        for (int i = 0; i < runs; i++) {
          with[i] = compile(sources, root.resolve("with" + i), true);
          without[i] = compile(sources, root.resolve("without" + i), false);
        }
        double w = median(with) / 1e6;
        double wo = median(without) / 1e6;
        System.out.printf("%-9d %-7d %13.1f ms %13.1f ms %7.2fx%n", services, sources.size(), w, wo, w / wo);
      }
      System.out.printf("median of %d runs each, after %d warm-up runs, on %d cores%n",
          runs, WARMUP, Runtime.getRuntime().availableProcessors());
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /** A cluster of {@code services} services spread over five WORKER groups, each on its own port. */
  static List<File> writeCluster(Path dir, int services) throws IOException {
    Path pkg = dir.resolve("bench");
    Files.createDirectories(pkg);
    List<File> files = new ArrayList<>();
    files.add(write(pkg, "Bench", """
        @Cluster(name = "bench", domain = "bench.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
        public class Bench {}
        """));
    files.add(write(pkg, "Main", """
        @NodeGroup(role = Role.MAIN, size = 3, instanceTypes = {"m6i.large", "m6a.large"})
        public class Main {}
        """));
    for (int g = 0; g < 5; g++) {
      files.add(write(pkg, "Workers" + g, """
          @NodeGroup(role = Role.WORKER, min = 3, max = 20, instanceTypes = {"m6i.large", "m6a.large"})
          public class Workers%d {}
          """.formatted(g)));
    }
    for (int s = 0; s < services; s++) {
      files.add(write(pkg, "Service" + s, """
          @Service(image = "example/service%d:1.0", replicas = 3, runsOn = Workers%d.class,
              ports = @Port(value = %d, name = "http"), env = @Env(name = "INDEX", value = "%d"))
          public class Service%d {}
          """.formatted(s, s % 5, 10000 + s, s, s)));
    }
    return files;
  }

  private static File write(Path pkg, String name, String body) throws IOException {
    Path file = pkg.resolve(name + ".java");
    Files.writeString(file, "package bench;\n\nimport dev.cluster.annotations.*;\n\n" + body, StandardCharsets.UTF_8);
    return file.toFile();
  }

  private static long compile(List<File> sources, Path out, boolean withProcessor) throws IOException {
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path")));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    StringWriter diagnostics = new StringWriter();
    long start = System.nanoTime();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok = javac.getTask(diagnostics, files, null, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
      if (!ok) {
        throw new IllegalStateException("benchmark cluster did not compile:\n" + diagnostics);
      }
    }
    return System.nanoTime() - start;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
