package ${package};

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cluster.processor.ClusterProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The cluster passes every rule of the processor without a warning: compiles this project's sources with the
 * cluster processor, as the build does, so a change that breaks the cluster, or a rule of a newer processor
 * that it trips over, fails here with the processor's message on the attribute at fault.
 */
class ClusterCompilesCleanTest {
  /** Surefire runs tests in the project's folder. */
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @Test
  void theClusterCompilesWithoutErrorsOrWarningsAndGeneratesItsOutputsAndClient() throws IOException {
    Compilation compilation = javac()
        .withProcessors(new ClusterProcessor())
        // as the build passes it (its exec plugin writes the file before compiling)
        .withOptions("--release", "17",
            "-Adev.cluster.imageTags=" + PROJECT.resolve("target/image-tags.txt"))
        .compile(sources(PROJECT.resolve("src/main/java")));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "cluster/${clusterName}/template.json");
    assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "cluster/${clusterName}/descriptor.json");
    assertThat(compilation).generatedSourceFile("${package}.${clusterClass}Cluster");
  }

  private static List<JavaFileObject> sources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      List<JavaFileObject> sources = files.filter(p -> p.toString().endsWith(".java")).sorted()
          .map(ClusterCompilesCleanTest::source).toList();
      if (sources.isEmpty()) {
        throw new AssertionError("no sources under " + root);
      }
      return sources;
    }
  }

  private static JavaFileObject source(Path file) {
    try {
      return JavaFileObjects.forResource(file.toUri().toURL());
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
  }
}
