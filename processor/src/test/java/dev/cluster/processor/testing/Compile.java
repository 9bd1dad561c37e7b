package dev.cluster.processor.testing;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.ClusterProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Runs javac with the real processor, and reads what it generated. */
public final class Compile {
  private Compile() {}

  public static Compilation cluster(ClusterSources sources, String... options) {
    return javac()
        .withProcessors(new ClusterProcessor())
        .withOptions((Object[]) options)
        .compile(sources.all());
  }

  /**
   * The text of a file the processor wrote to the class output, e.g. {@code
   * cluster/demo/template.json}.
   */
  public static Optional<String> generated(Compilation compilation, String path) {
    Optional<JavaFileObject> file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path);
    return file.map(
        f -> {
          try {
            return f.getCharContent(true).toString();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
