package dev.cluster.processor.bench;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * How much javac's time the processor adds, on synthetic clusters of 10, 100, 1000 and 3000
 * services. For each size, side by side in one run (alternating, so each sees the same machine):
 *
 * <ul>
 *   <li>whole process: the {@code javac} command in a new, cold JVM, as a build runs it, with the
 *       processor and without it ({@code -proc:none}); the processor's own cost is the difference
 *       of the medians;
 *   <li>in process: javac through {@link ToolProvider} in this JVM, warmed up, with and without;
 *   <li>the processor's peak heap: the most heap live after a collection in a javac process with a
 *       small young generation (so that it collects often), with the processor minus without;
 *   <li>at 1000 services, an incremental build: one class changed and compiled alone against the
 *       class output, as a build tool recompiles it; the processor then reads the rest of the
 *       package from the class files.
 * </ul>
 *
 * <p>Each variant is a class path holding the processor, the annotations and the runtime ({@code
 * name=classpath}); with two (run.sh's {@code BEFORE=rev}), both run side by side and the last
 * columns compare their processor costs. Run with {@code processor/bench/run.sh}; it prints figures
 * and asserts nothing.
 */
public final class ProcessorBenchmark {
  private static final int WARMUP = 2;

  /** The cluster sizes, {@code -Dbench.sizes=10,100,1000,3000} (run.sh's SIZES). */
  private static final int[] SIZES =
      Arrays.stream(System.getProperty("bench.sizes", "10,100,1000,3000").split(","))
          .mapToInt(Integer::parseInt)
          .toArray();

  private static final int INCREMENTAL_SIZE = 1000;
  private static final Path JAVAC = Path.of(System.getProperty("java.home"), "bin", "javac");
  private static final Pattern GC_AFTER = Pattern.compile("->(\\d+)([KMG])\\(");

  private ProcessorBenchmark() {}

  /**
   * {@code RUNS name=classpath [name=classpath]}: the first variant is the one measured against the
   * others.
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    int runs = Integer.parseInt(args[0]);
    Map<String, String> variants = new LinkedHashMap<>();
    for (String variant : Arrays.asList(args).subList(1, args.length)) {
      variants.put(
          variant.substring(0, variant.indexOf('=')), variant.substring(variant.indexOf('=') + 1));
    }
    Path root = Files.createTempDirectory("processor-bench");
    try {
      System.out.printf(
          "%d runs each (median), %d in-process warm-up runs, %d cores, load %s%n",
          runs, WARMUP, Runtime.getRuntime().availableProcessors(), loadAverage());
      System.out.printf(
          "%-8s %-7s %-8s | %-38s | %-38s | %s%n",
          "services",
          "files",
          "variant",
          "whole process: with / alone = own",
          "in process: with / alone = own",
          "peak heap: own");
      Map<Integer, Map<String, Double>> ownCosts = new LinkedHashMap<>();
      for (int services : SIZES) {
        List<File> sources = writeCluster(root.resolve("src" + services), services);
        Map<String, Double> own = new LinkedHashMap<>();
        for (Map.Entry<String, Row> measured : measure(root, sources, variants, runs).entrySet()) {
          Row row = measured.getValue();
          own.put(measured.getKey(), row.wholeWith - row.wholeAlone);
          System.out.printf(
              "%-8d %-7d %-8s | %9.0f / %7.0f ms = %7.0f ms (%4.1fx) | %9.0f / %7.0f ms = %7.0f ms (%4.1fx) | %5d MB%n",
              services,
              sources.size(),
              measured.getKey(),
              row.wholeWith,
              row.wholeAlone,
              row.wholeWith - row.wholeAlone,
              row.wholeWith / row.wholeAlone,
              row.inWith,
              row.inAlone,
              row.inWith - row.inAlone,
              row.inWith / row.inAlone,
              row.peakHeapWithMb - row.peakHeapAloneMb);
        }
        ownCosts.put(services, own);
      }
      for (String variant : variants.keySet()) {
        for (int i = 1; i < SIZES.length; i++) {
          System.out.printf(
              "%s: the processor's own cost (whole process) grows %.1fx from %d to %d services"
                  + " (%.0fx would be linear)%n",
              variant,
              ownCosts.get(SIZES[i]).get(variant) / ownCosts.get(SIZES[i - 1]).get(variant),
              SIZES[i - 1],
              SIZES[i],
              (double) SIZES[i] / SIZES[i - 1]);
        }
      }
      if (variants.size() > 1) {
        String first = variants.keySet().iterator().next();
        for (String other : variants.keySet()) {
          if (!other.equals(first)) {
            for (int services : SIZES) {
              System.out.printf(
                  "%d services: %s's own cost is %.2f of %s's%n",
                  services,
                  first,
                  ownCosts.get(services).get(first) / ownCosts.get(services).get(other),
                  other);
            }
          }
        }
      }
      for (Map.Entry<String, String> variant : variants.entrySet()) {
        incremental(root, variant.getKey(), variant.getValue(), runs);
      }
      System.out.printf("load at the end %s%n", loadAverage());
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private record Row(
      double wholeWith,
      double wholeAlone,
      double inWith,
      double inAlone,
      long peakHeapWithMb,
      long peakHeapAloneMb) {}

  /** Every variant's row, their runs interleaved so that each sees the same machine. */
  private static Map<String, Row> measure(
      Path root, List<File> sources, Map<String, String> variants, int runs)
      throws IOException, InterruptedException {
    Path out = root.resolve("out");
    Map<String, long[][]> times = new LinkedHashMap<>();
    variants.keySet().forEach(v -> times.put(v, new long[4][runs]));
    for (int i = 0; i < runs; i++) {
      for (Map.Entry<String, String> variant : variants.entrySet()) {
        long[][] t = times.get(variant.getKey());
        t[0][i] = javacProcess(sources, fresh(out), variant.getValue(), true, List.of());
        t[1][i] = javacProcess(sources, fresh(out), variant.getValue(), false, List.of());
      }
    }
    for (int i = 0; i < WARMUP; i++) {
      for (String classpath : variants.values()) {
        compileInProcess(sources, fresh(out), classpath, true);
        compileInProcess(sources, fresh(out), classpath, false);
      }
    }
    for (int i = 0; i < runs; i++) {
      for (Map.Entry<String, String> variant : variants.entrySet()) {
        long[][] t = times.get(variant.getKey());
        t[2][i] = compileInProcess(sources, fresh(out), variant.getValue(), true);
        t[3][i] = compileInProcess(sources, fresh(out), variant.getValue(), false);
      }
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Map.Entry<String, String> variant : variants.entrySet()) {
      long[][] t = times.get(variant.getKey());
      rows.put(
          variant.getKey(),
          new Row(
              median(t[0]),
              median(t[1]),
              median(t[2]),
              median(t[3]),
              peakLiveHeapMb(root, sources, variant.getValue(), true),
              peakLiveHeapMb(root, sources, variant.getValue(), false)));
    }
    return rows;
  }

  /**
   * A one-class change at {@value #INCREMENTAL_SIZE} services: the changed source compiled alone
   * against a clean build's class output, in a new javac process, with the processor (which
   * regenerates every output) and without.
   */
  private static void incremental(Path root, String variant, String classpath, int runs)
      throws IOException, InterruptedException {
    Path src = root.resolve("incremental-" + variant);
    List<File> sources = writeCluster(src, INCREMENTAL_SIZE);
    Path out = fresh(root.resolve("incremental-out"));
    javacProcess(sources, out, classpath, true, List.of());
    long[] with = new long[runs];
    long[] alone = new long[runs];
    for (int i = 0; i < runs; i++) {
      List<File> changed = List.of(writeService(src.resolve("bench"), 7, "changed" + i));
      with[i] = javacProcess(changed, out, out + File.pathSeparator + classpath, true, List.of());
      alone[i] = javacProcess(changed, out, out + File.pathSeparator + classpath, false, List.of());
    }
    System.out.printf(
        "%s: one class changed of %d services, whole process: %.0f ms with the processor,"
            + " %.0f ms alone, own cost %.0f ms%n",
        variant, INCREMENTAL_SIZE, median(with), median(alone), median(with) - median(alone));
  }

  private static long peakLiveHeapMb(
      Path root, List<File> sources, String classpath, boolean withProcessor)
      throws IOException, InterruptedException {
    Path log = root.resolve("gc.log");
    javacProcess(
        sources,
        fresh(root.resolve("out")),
        classpath,
        withProcessor,
        List.of("-J-XX:+UseSerialGC", "-J-Xmn16m", "-J-Xlog:gc:file=" + log));
    long peakKb = 0;
    for (String line : Files.readAllLines(log)) {
      Matcher after = GC_AFTER.matcher(line);
      if (after.find()) {
        long kb =
            Long.parseLong(after.group(1))
                * switch (after.group(2)) {
                  case "K" -> 1L;
                  case "M" -> 1024L;
                  default -> 1024L * 1024L;
                };
        peakKb = Math.max(peakKb, kb);
      }
    }
    return peakKb / 1024;
  }

  /**
   * A cluster of {@code services} services spread over five WORKER groups, each on its own port.
   */
  static List<File> writeCluster(Path dir, int services) throws IOException {
    Path pkg = dir.resolve("bench");
    Files.createDirectories(pkg);
    List<File> files = new ArrayList<>();
    files.add(
        write(
            pkg,
            "Bench",
            """
        @Cluster(name = "bench", domain = "bench.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
        public class Bench {}
        """));
    files.add(
        write(
            pkg,
            "Main",
            """
        @NodeGroup(role = Role.MAIN, size = 3, instanceTypes = {"m6i.large", "m6a.large"})
        public class Main {}
        """));
    for (int g = 0; g < 5; g++) {
      files.add(
          write(
              pkg,
              "Workers" + g,
              """
          @NodeGroup(role = Role.WORKER, min = 3, max = 20, instanceTypes = {"m6i.large", "m6a.large"})
          public class Workers%d {}
          """
                  .formatted(g)));
    }
    for (int s = 0; s < services; s++) {
      files.add(writeService(pkg, s, String.valueOf(s)));
    }
    return files;
  }

  private static File writeService(Path pkg, int index, String envValue) throws IOException {
    return write(
        pkg,
        "Service" + index,
        """
        @Service(image = "example/service%d:1.0", replicas = 3, runsOn = Workers%d.class,
            ports = @Port(value = %d, name = "http"), env = @Env(name = "INDEX", value = "%s"))
        public class Service%d {}
        """
            .formatted(index, index % 5, 10000 + index, envValue, index));
  }

  private static File write(Path pkg, String name, String body) throws IOException {
    Path file = pkg.resolve(name + ".java");
    Files.writeString(
        file,
        "package bench;\n\nimport dev.cluster.annotations.*;\n\n" + body,
        StandardCharsets.UTF_8);
    return file.toFile();
  }

  private static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    return Files.createDirectories(dir);
  }

  private static List<String> options(Path out, String classpath, boolean withProcessor) {
    List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classpath));
    if (!withProcessor) {
      options.add("-proc:none");
    }
    return options;
  }

  /** The wall time, in nanoseconds, of a new javac process from its start to its exit. */
  private static long javacProcess(
      List<File> sources,
      Path out,
      String classpath,
      boolean withProcessor,
      List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path argFile = out.resolveSibling(out.getFileName() + ".args");
    List<String> arguments = new ArrayList<>(options(out, classpath, withProcessor));
    sources.forEach(f -> arguments.add(f.getPath()));
    Files.write(
        argFile, arguments.stream().map(a -> "\"" + a.replace("\\", "\\\\") + "\"").toList());
    List<String> command = new ArrayList<>(List.of(JAVAC.toString()));
    command.addAll(jvmOptions);
    command.add("@" + argFile);
    Path log = out.resolveSibling(out.getFileName() + ".log");
    long start = System.nanoTime();
    Process javac =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!javac.waitFor(10, TimeUnit.MINUTES) || javac.exitValue() != 0) {
      throw new IllegalStateException(
          "benchmark cluster did not compile:\n" + Files.readString(log));
    }
    return System.nanoTime() - start;
  }

  private static long compileInProcess(
      List<File> sources, Path out, String classpath, boolean withProcessor) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    long start = System.nanoTime();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean ok =
          javac
              .getTask(
                  diagnostics,
                  files,
                  null,
                  options(out, classpath, withProcessor),
                  null,
                  files.getJavaFileObjectsFromFiles(sources))
              .call();
      if (!ok) {
        throw new IllegalStateException("benchmark cluster did not compile:\n" + diagnostics);
      }
    }
    return System.nanoTime() - start;
  }

  /** In milliseconds. */
  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }
}
