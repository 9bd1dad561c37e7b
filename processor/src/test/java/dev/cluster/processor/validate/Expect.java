package dev.cluster.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;

/**
 * The three outcomes a rule test asserts, through the real processor: exactly one error (no
 * cascade) on the line of the attribute at fault, exactly one warning there with no error, or a
 * clean build.
 */
final class Expect {
  private Expect() {}

  /**
   * One error, starting with or containing {@code message}, in class {@code file} on the line
   * containing {@code line}.
   */
  static Compilation error(ClusterSources sources, String file, String message, String line) {
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(sources.file(file))
        .onLineContaining(line);
    return compilation;
  }

  /**
   * Where one of several errors is expected: in class {@code file}, on the line containing {@code
   * line}.
   */
  record At(String file, String message, String line) {}

  /**
   * Exactly one error at each place and no other: a clash between two declarations is reported on
   * both (nothing tells the processor which of the two was just edited), each message naming the
   * other.
   */
  static Compilation errors(ClusterSources sources, At... places) {
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(places.length);
    for (At at : places) {
      assertThat(compilation)
          .hadErrorContaining(at.message())
          .inFile(sources.file(at.file()))
          .onLineContaining(at.line());
    }
    return compilation;
  }

  /**
   * A successful build with one warning, in class {@code file} on the line containing {@code line}.
   */
  static Compilation warning(ClusterSources sources, String file, String message, String line) {
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(message)
        .inFile(sources.file(file))
        .onLineContaining(line);
    return compilation;
  }

  /** No error and no warning. */
  static void clean(ClusterSources sources) {
    assertThat(Compile.cluster(sources)).succeededWithoutWarnings();
  }
}
