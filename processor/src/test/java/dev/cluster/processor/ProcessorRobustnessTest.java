package dev.cluster.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.cluster.annotations.Cluster;
import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import dev.cluster.processor.testing.JavacRun;
import dev.cluster.processor.validate.Rule;
import dev.cluster.processor.validate.Validator;
import java.io.IOException;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor never throws into javac and never stays silent about an annotation it cannot use: a
 * misspelt class literal, constant or annotation is javac's one error, an exception inside the
 * processor is one {@code [internal]} error on the {@code @Cluster} class, an annotation that
 * belongs beside {@code @Service} on a class without it is one error on that annotation, and a
 * problem with one of several repeated annotations lands on that annotation.
 */
class ProcessorRobustnessTest {

  @Test
  void aMisspeltClassLiteralIsJavacsOneErrorAndNoCrash() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2,
            runsOn = Wrokers.class,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "runsOn = Wrokers.class");
  }

  @Test
  void aMisspeltClassLiteralInAListIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Api",
                """
            @Service(image = "example/api:1.0", runsOn = Workers.class, ports = @Port(value = 9000, name = "http"))
            public class Api {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
                uses = {Api.class,
                        Apo.class},
                ports = @Port(value = 8080, name = "http"))
            public class Web {}
            """);
    assertJavacsOneErrorOnly(sources, "Apo.class");
  }

  @Test
  void aMisspeltGroupInARouteIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.withSignIn()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @Route(allow = Admns.class)
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "allow = Admns.class");
  }

  @Test
  void aMisspeltKeyInOneOfTwoRepeatedApiProxiesIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Key",
                """
            @Secret(description = "the maps API's key")
            public class Key {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class, secrets = Key.class,
                ports = @Port(value = 8080, name = "http"))
            @Redis
            @ApiProxy(prefix = "/maps", upstream = "https://maps.example/v1", key = Key.class)
            @ApiProxy(prefix = "/weather", upstream = "https://weather.example/v1", key = Kye.class)
            public class Web {}
            """);
    assertJavacsOneErrorOnly(sources, "key = Kye.class");
  }

  @Test
  void aMisspeltTokenOfReadsAccountsIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.withSignIn()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @ReadsAccounts(authorizedKeysToken = Tokn.class)
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "authorizedKeysToken = Tokn.class");
  }

  // javac hands an unresolved constant over as the string "<error>" whatever the attribute's type:
  // read as an int it crashed the processor, read as an image it gave a second error about an image
  // "<error>".
  @Test
  void anUnresolvedIntConstantIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", runsOn = Workers.class,
            replicas = REPLICAS,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "replicas = REPLICAS");
  }

  @Test
  void anUnresolvedStringConstantIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(runsOn = Workers.class, replicas = 2,
            image = Images.WEB,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "image = Images.WEB");
  }

  @Test
  void aMisspeltNestedAnnotationIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Prot(value = 8080, name = "http"))
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "@Prot(");
  }

  @Test
  void aMisspeltCompanionAnnotationIsJavacsOneError() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @Postgress
        public class Web {}
        """);
    assertJavacsOneErrorOnly(sources, "@Postgress");
  }

  // javac reports nothing about a class it reads from the class output: without the processor's
  // error the build passed and the cluster kept its old outputs.
  @Test
  void aClassOfAnEarlierBuildNamingADeletedClassIsOneError(@TempDir Path dir) throws IOException {
    ClusterSources sources = ClusterSources.valid();
    JavacRun.Result earlier =
        JavacRun.compile(sources.all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(earlier.success(), earlier.diagnostics());
    Files.delete(dir.resolve("out/test/Workers.class"));
    JavacRun.Result build =
        JavacRun.compile(List.of(sources.file("Demo")), dir.resolve("src2"), dir.resolve("out"));
    assertFalse(build.success());
    assertThat(build.diagnostics())
        .contains(
            "error: [unresolved] test.Web, compiled in an earlier build, names in"
                + " @Service a class or constant that does not exist any more, so the cluster of package test cannot be read"
                + " and its outputs are not generated; fix or recompile Web (a clean build does)");
    assertThat(Pattern.compile("error: ").matcher(build.diagnostics()).results().count())
        .isEqualTo(1);
  }

  @Test
  void anExceptionInsideTheProcessorIsOneInternalErrorOnTheClusterClass() {
    Rule failing =
        new Rule() {
          @Override
          public String tag() {
            return "failing";
          }

          @Override
          public void check(ClusterModel model, Problems problems) {
            throw new IllegalStateException("a rule with a bug");
          }
        };
    ClusterSources sources = ClusterSources.valid();
    Compilation compilation =
        javac()
            .withProcessors(new ClusterProcessor(new Validator(List.of(failing))))
            .compile(sources.all());
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[internal] the cluster processor failed with java.lang.IllegalStateException: a rule with a bug"
                + " on the cluster of package test; its outputs are not generated. This is a bug in the processor,"
                + " not in the cluster: please report it with this trace:")
        .inFile(sources.file("Demo"))
        .onLineContaining("@Cluster(");
    assertThat(compilation).hadErrorContaining("at dev.cluster.processor.ProcessorRobustnessTest");
  }

  @Test
  void postgresWithoutServiceIsOneErrorOnThePostgresAnnotation() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Reports",
                """
        @Postgres
        public class Reports {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[companion] @Postgres belongs beside @Service on the same class, but Reports is not a @Service")
        .inFile(sources.file("Reports"))
        .onLineContaining("@Postgres");
  }

  @Test
  void routeWithoutServiceIsOneErrorOnTheRoute() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Docs",
                """
        @Route(subdomain = "docs")
        public class Docs {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[companion] @Route belongs beside @Service")
        .inFile(sources.file("Docs"))
        .onLineContaining("@Route");
  }

  @Test
  void repeatedVolumesWithoutServiceAreAnErrorOnEachVolume() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Files",
                """
        @BtsyncVolume(path = "/data")
        @BtsyncVolume(path = "/git")
        public class Files {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(2);
    for (String line : List.of("path = \"/data\"", "path = \"/git\"")) {
      assertThat(compilation)
          .hadErrorContaining(
              "[companion] @BtsyncVolume belongs beside @Service on the same class, but"
                  + " Files is not a @Service")
          .inFile(sources.file("Files"))
          .onLineContaining(line);
    }
  }

  @Test
  void everyAnnotationOfTheVocabularyIsClaimed() {
    Set<String> vocabulary = new TreeSet<>();
    Compilation compilation =
        javac()
            .withProcessors(
                new AbstractProcessor() {
                  @Override
                  public Set<String> getSupportedAnnotationTypes() {
                    return Set.of("*");
                  }

                  @Override
                  public boolean process(
                      Set<? extends TypeElement> annotations, RoundEnvironment round) {
                    PackageElement pkg =
                        processingEnv
                            .getElementUtils()
                            .getPackageElement(Cluster.class.getPackageName());
                    for (Element element : pkg.getEnclosedElements()) {
                      Target target = element.getAnnotation(Target.class);
                      if (element.getKind() == ElementKind.ANNOTATION_TYPE
                          && target != null
                          && target.value().length > 0) {
                        vocabulary.add(((TypeElement) element).getQualifiedName().toString());
                      }
                    }
                    return false;
                  }
                })
            .compile(JavaFileObjects.forSourceString("test.Empty", "package test; class Empty {}"));
    assertThat(compilation).succeeded();
    assertThat(vocabulary).contains(Cluster.class.getCanonicalName());
    assertThat(new ClusterProcessor().getSupportedAnnotationTypes())
        .containsExactlyElementsIn(vocabulary);
  }

  @Test
  void anErrorOnTheSecondOfTwoRepeatedVolumesLandsOnThatAnnotation() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @BtsyncVolume(path = "/data")
        @BtsyncVolume(path = "relative/git")
        public class Web {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[volume-path] path = \"relative/git\"")
        .inFile(sources.file("Web"))
        .onLineContaining("relative/git");
  }

  @Test
  void anErrorInsideAnExplicitContainerLandsOnThatAnnotation() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @BtsyncVolumes({
            @BtsyncVolume(path = "/data"),
            @BtsyncVolume(path = "relative/git")})
        public class Web {}
        """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[volume-path] path = \"relative/git\"")
        .inFile(sources.file("Web"))
        .onLineContaining("relative/git");
  }

  // A build that compiles only the class just written (javac on one file, an IDE) reads the others
  // from the class output: the clash is then that class's doing, and only it gets the error.
  @Test
  void aClashWithAClassOfAnEarlierBuildIsReportedOnlyOnTheClassBeingCompiled(@TempDir Path dir) {
    JavacRun.Result earlier =
        JavacRun.compile(ClusterSources.valid().all(), dir.resolve("src"), dir.resolve("out"));
    assertTrue(earlier.success(), earlier.diagnostics());
    ClusterSources edited =
        ClusterSources.valid()
            .with(
                "Api",
                """
        @Service(image = "example/api:1.0", runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        public class Api {}
        """);
    JavacRun.Result build =
        JavacRun.compile(List.of(edited.file("Api")), dir.resolve("src2"), dir.resolve("out"));
    assertFalse(build.success());
    assertThat(build.diagnostics())
        .containsMatch(
            "Api\\.java:6: error: \\[port-clash] port 8080/tcp of service api"
                + " \\(class Api\\) is also claimed by service web \\(class Web\\) on node group workers");
    assertThat(Pattern.compile("error: ").matcher(build.diagnostics()).results().count())
        .isEqualTo(1);
  }

  /**
   * javac's own "cannot find symbol" in class Web on the given line, and nothing from the
   * processor.
   */
  private static void assertJavacsOneErrorOnly(ClusterSources sources, String line) {
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(sources.file("Web"))
        .onLineContaining(line);
    assertNoTrace(compilation);
  }

  private static void assertNoTrace(Compilation compilation) {
    for (Diagnostic<?> diagnostic : compilation.diagnostics()) {
      assertThat(diagnostic.getMessage(null)).doesNotContain("Exception");
      assertThat(diagnostic.getMessage(null)).doesNotContain("[internal]");
    }
  }
}
