package dev.cluster.processor.generate.images;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real processor with {@code -Adev.cluster.imageTags=FILE}, as team-cluster's build runs it.
 */
class ImageTagsOptionTest {
  private static ClusterSources withTeamImage() {
    return ClusterSources.valid()
        .with(
            "Web",
            """
        @Service(image = "dev-cluster/web:1.0", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """);
  }

  @Test
  void theUnitsNameTheTagsOfTheFileAndTheJarCarriesTheManifest(@TempDir Path dir) throws Exception {
    Path tags =
        Files.writeString(
            dir.resolve("image-tags.txt"), "agents 0123456789abcdef\nweb 00000000000000aa\n");

    Compilation compilation = Compile.cluster(withTeamImage(), "-Adev.cluster.imageTags=" + tags);

    assertThat(compilation).succeededWithoutWarnings();
    String unit = Compile.generated(compilation, "cluster/demo/units/web@.service").orElseThrow();
    assertTrue(
        unit.contains(
            "ExecStartPre=/usr/bin/docker pull ${CLUSTER_REGISTRY}/demo/web:00000000000000aa"),
        unit);
    String manifest = Compile.generated(compilation, "cluster/demo/images.json").orElseThrow();
    assertTrue(
        manifest.contains("\"repository\" : \"demo/web\"")
            && manifest.contains("\"tag\" : \"00000000000000aa\""),
        manifest);
  }

  @Test
  void aMalformedLineIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
    Path tags =
        Files.writeString(dir.resolve("image-tags.txt"), "agents 0123456789abcdef\nWeb latest\n");

    ClusterSources sources = withTeamImage();
    Compilation compilation = Compile.cluster(sources, "-Adev.cluster.imageTags=" + tags);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[image-tags] cannot read the image tags of -Adev.cluster.imageTags=" + tags)
        .inFile(sources.file("Demo"))
        .onLine(7);
    assertThat(compilation).hadErrorContaining(tags + " line 2: expected \"FOLDER TAG\"");
  }

  @Test
  void aMissingFileIsAnError(@TempDir Path dir) {
    Compilation compilation =
        Compile.cluster(withTeamImage(), "-Adev.cluster.imageTags=" + dir.resolve("absent.txt"));

    assertThat(compilation).hadErrorContaining("[image-tags] cannot read the image tags");
  }
}
