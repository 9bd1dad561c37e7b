package dev.cluster.processor.generate.diagram;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's picture: the build writes {@code diagram.dot}, and Graphviz's own {@code dot}
 * (Debian's {@code graphviz}, installed by scripts/test-deps.sh) draws it as SVG with every group,
 * service, use, route and open port in it.
 */
class DiagramGeneratorTest {

  @Test
  void theDiagramDrawsWithGraphvizAndShowsGroupsServicesUsesRoutesAndOpenPorts(@TempDir Path dir)
      throws Exception {
    ClusterSources sources =
        ClusterSources.withSignIn()
            .with(
                "Developers",
                """
            @Group(name = "developers", description = "the team")
            public class Developers {}
            """)
            .with(
                "Web",
                """
            @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class,
                ports = @Port(value = 8080, name = "http"))
            @Postgres
            @Route(allow = Developers.class)
            public class Web {}
            """);
    Compilation compilation = Compile.cluster(sources);
    assertThat(compilation).succeeded();
    String dot = Compile.generated(compilation, "cluster/demo/diagram.dot").orElseThrow();

    assertThat(dot).contains("label=\"MAIN main, 3 machines");
    assertThat(dot).contains("label=\"WORKER workers, 2-4 machines");
    assertThat(dot).contains("\"service:web\" [label=\"web (x2)\\nexample/web:1.0\\nports 8080\"]");
    assertThat(dot)
        .contains("\"service:web\" -> \"service:web-db\" [label=\"5432 via ambassador :15003\"]");
    assertThat(dot)
        .contains(
            "-> \"service:web\" [label=\"web.demo.example.com\\nmembers of developers\", style=dashed");
    assertThat(dot)
        .contains(
            "-> \"service:gateway\" [label=\"auth.demo.example.com\\nanyone, for the sign-in\"");
    assertThat(dot).contains("\"internet\" -> \"service:door\" [label=\"443/tcp\", color=red]");

    Path file = Files.writeString(dir.resolve("diagram.dot"), dot);
    Process dotTool =
        new ProcessBuilder("dot", "-Tsvg", file.toString())
            .redirectError(dir.resolve("dot.err").toFile())
            .start();
    String svg = new String(dotTool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dotTool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(dir.resolve("dot.err"))).isEmpty();
    assertThat(dotTool.exitValue()).isEqualTo(0);
    assertThat(svg).contains("<svg");
    assertThat(svg).contains("members of developers");
    assertThat(svg).contains("WORKER workers");
  }

  @Test
  void quotesAndBackslashesInLabelsAreEscaped() {
    assertThat(DiagramGenerator.quoted("a \"b\" \\c\nd")).isEqualTo("\"a \\\"b\\\" \\\\c\\nd\"");
  }
}
