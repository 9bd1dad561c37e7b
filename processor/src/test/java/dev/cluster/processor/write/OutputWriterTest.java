package dev.cluster.processor.write;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cluster.processor.ClusterProcessor;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.JavacRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor's outputs written past the Filer into a class output on disk (javac's own file
 * manager, as Maven runs it) are byte for byte those it writes through the Filer into
 * compile-testing's in-memory file manager.
 */
class OutputWriterTest {
  @Test
  void onDiskTheFilesBypassTheFilerAndAreTheBytesTheFilerWrites(@TempDir Path dir)
      throws IOException {
    ClusterSources sources = ClusterSources.withSignIn();
    Compilation inMemory = Compile.cluster(sources);
    assertThat(inMemory).succeededWithoutWarnings();
    Map<String, byte[]> throughTheFiler = new TreeMap<>();
    for (JavaFileObject file : inMemory.generatedFiles()) {
      String path = file.toUri().getPath();
      // The in-memory file manager lists the name the writer asked the class output's location for,
      // never written.
      if (!path.endsWith(".class") && !path.equals("/CLASS_OUTPUT/cluster/.class-output")) {
        throughTheFiler.put(path.replaceFirst("^/(CLASS|SOURCE)_OUTPUT/", ""), bytes(file));
      }
    }

    ClassOutputResources resources = new ClassOutputResources();
    JavacRun.Result onDisk =
        JavacRun.compile(sources.all(), dir.resolve("src"), dir.resolve("out"), resources::view);
    assertTrue(onDisk.success(), onDisk.diagnostics());
    List<String> written =
        onDisk.writtenFiles().stream().filter(f -> !f.endsWith(".class")).toList();

    assertEquals(List.copyOf(throughTheFiler.keySet()), written);
    assertTrue(
        written.contains("cluster/demo/template.json")
            && written.contains("test/DemoCluster.java")
            && written.size() > 50,
        written.toString());
    for (String path : written) {
      assertArrayEquals(
          throughTheFiler.get(path), Files.readAllBytes(dir.resolve("out").resolve(path)), path);
    }
    assertEquals(
        1, resources.asked.get(), "only the class output's location is asked of the Filer");
  }

  /**
   * As Maven's or javac's incremental build: one class recompiled against the earlier build's class
   * output.
   */
  @Test
  void aSecondBuildIntoTheSameClassOutputAlsoBypassesTheFilerAndReplacesTheFiles(@TempDir Path dir)
      throws IOException {
    ClusterSources sources = ClusterSources.valid();
    JavacRun.Result first = JavacRun.compile(sources.all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(first.success(), first.diagnostics());
    ClusterSources changed =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:2.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """);

    ClassOutputResources resources = new ClassOutputResources();
    JavacRun.Result second =
        JavacRun.compile(
            List.of(changed.file("Web")), dir.resolve("src2"), dir.resolve("out"), resources::view);
    assertTrue(second.success(), second.diagnostics());
    assertEquals(
        1, resources.asked.get(), "only the class output's location is asked of the Filer");
    assertTrue(second.read("cluster/demo/units/web@.service").contains("example/web:2.0"));
    assertEquals(
        first.writtenFiles(), second.writtenFiles(), "no file more, no temporary file left");
  }

  /**
   * Two clusters of one name write the same paths; the second is refused as the Filer refuses it.
   */
  @Test
  void theSecondClusterOfOneNameFailsToWriteBothWays(@TempDir Path dir) {
    List<JavaFileObject> sources = new ArrayList<>(ClusterSources.valid().all());
    sources.add(
        inPackageOther(
            "Again",
            """
        @Cluster(name = "demo", domain = "again.example.com", region = "eu-west-1",
            zones = {"eu-west-1a", "eu-west-1b", "eu-west-1c"})
        public class Again {}
        """));
    sources.add(
        inPackageOther(
            "Main",
            """
        @NodeGroup(role = Role.MAIN, size = 3, instanceTypes = {"m6i.large", "m6a.large"})
        public class Main {}
        """));
    sources.add(
        inPackageOther(
            "Workers",
            """
        @NodeGroup(role = Role.WORKER, min = 2, max = 4, instanceTypes = {"m6i.large", "m6a.large"})
        public class Workers {}
        """));
    String refused =
        "[write] could not write the outputs of cluster demo: Attempt to reopen a file for path";

    Compilation inMemory = javac().withProcessors(new ClusterProcessor()).compile(sources);
    assertThat(inMemory).hadErrorCount(1);
    assertThat(inMemory).hadErrorContaining(refused);

    JavacRun.Result onDisk = JavacRun.compile(sources, dir.resolve("src"), dir.resolve("out"));
    assertFalse(onDisk.success());
    assertTrue(onDisk.diagnostics().contains(refused), onDisk.diagnostics());
    assertTrue(
        onDisk.read("cluster/demo/template.json").contains("again.example.com"),
        "the first cluster's outputs, whole");
  }

  private static JavaFileObject inPackageOther(String simpleName, String body) {
    return JavaFileObjects.forSourceString(
        "other." + simpleName, "package other;\n\nimport dev.cluster.annotations.*;\n\n" + body);
  }

  private static byte[] bytes(FileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Counts the files of the class output that are not classes: those the Filer creates, or is asked
   * for.
   */
  private static final class ClassOutputResources {
    final AtomicInteger asked = new AtomicInteger();

    JavaFileManager view(StandardJavaFileManager manager) {
      return new ForwardingJavaFileManager<>(manager) {
        @Override
        public FileObject getFileForOutput(
            Location location, String packageName, String relativeName, FileObject sibling)
            throws IOException {
          if (location == StandardLocation.CLASS_OUTPUT) {
            asked.incrementAndGet();
          }
          return super.getFileForOutput(location, packageName, relativeName, sibling);
        }
      };
    }
  }
}
