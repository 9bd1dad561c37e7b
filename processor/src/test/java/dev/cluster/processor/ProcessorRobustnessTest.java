package dev.cluster.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * The processor never throws into javac and never stays silent about an annotation it cannot use: a
 * misspelt class literal is javac's one error, an annotation that belongs beside {@code @Service} on a class
 * without it is one error on that annotation, and a problem with one of several repeated annotations lands
 * on that annotation.
 */
class ProcessorRobustnessTest {

  @Test
  void aMisspeltClassLiteralIsJavacsOneErrorAndNoCrash() {
    ClusterSources sources = ClusterSources.valid().with("Web", """
        @Service(image = "example/web:1.0", replicas = 2,
            runsOn = Wrokers.class,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "runsOn = Wrokers.class");
  }

  @Test
  void aMisspeltClassLiteralInAListIsJavacsOneError() {
    ClusterSources sources = ClusterSources.valid()
        .with("Api", """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(value = 9000, name = "http"))
            public class Api {}
            """)
        .with("Web", """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
                uses = {Api.class,
                        Apo.class},
                ports = @Port(value = 8080, name = "http"))
            public class Web {}
            """);
    assertJavacsOneErrorOnly(sources, "Apo.class");
  }

  @Test
  void postgresWithoutServiceIsOneErrorOnThePostgresAnnotation() {
    ClusterSources sources = ClusterSources.valid().with("Reports", """
        @Postgres
        public class Reports {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[companion] @Postgres belongs beside @Service on the same class, but Reports is not a @Service")
        .inFile(sources.file("Reports")).onLineContaining("@Postgres");
  }

  @Test
  void routeWithoutServiceIsOneErrorOnTheRoute() {
    ClusterSources sources = ClusterSources.valid().with("Docs", """
        @Route(subdomain = "docs")
        public class Docs {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[companion] @Route belongs beside @Service")
        .inFile(sources.file("Docs")).onLineContaining("@Route");
  }

  @Test
  void anErrorOnTheSecondOfTwoRepeatedVolumesLandsOnThatAnnotation() {
    ClusterSources sources = ClusterSources.valid().with("Web", """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @BtsyncVolume(path = "/data")
        @BtsyncVolume(path = "relative/git")
        public class Web {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[volume-path] path = \"relative/git\"")
        .inFile(sources.file("Web")).onLineContaining("relative/git");
  }

  /** javac's own "cannot find symbol" in class Web on the given line, and nothing from the processor. */
  private static void assertJavacsOneErrorOnly(ClusterSources sources, String line) {
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(sources.file("Web")).onLineContaining(line);
    assertNoTrace(compilation);
  }

  private static void assertNoTrace(Compilation compilation) {
    for (Diagnostic<?> diagnostic : compilation.diagnostics()) {
      assertThat(diagnostic.getMessage(null)).doesNotContain("Exception");
      assertThat(diagnostic.getMessage(null)).doesNotContain("[internal]");
    }
  }
}
