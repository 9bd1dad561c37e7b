package dev.cluster.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code team-image}: a team image's name is one ECR takes (every cluster has its registry for the
 * framework's images).
 */
class TeamImageRulesTest {
  @TempDir Path dir;

  private ClusterSources withImage(String image) {
    return ClusterSources.valid()
        .with(
            "Web",
            """
        @Service(image = "%s", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        public class Web {}
        """
                .formatted(image));
  }

  /** Compiles as a team with images of its own does, their tags given with the option. */
  private Compilation compile(ClusterSources sources, String... ownImages) {
    try {
      StringBuilder lines = new StringBuilder("agents 0123456789abcdef\n");
      for (String image : ownImages) {
        lines.append(image).append(" 00000000000000aa\n");
      }
      Path tags = Files.writeString(dir.resolve("image-tags.txt"), lines);
      return Compile.cluster(sources, "-Adev.cluster.imageTags=" + tags);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void error(String image, String message) {
    ClusterSources sources = withImage(image);
    Compilation compilation = compile(sources);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(sources.file("Web"))
        .onLineContaining("image = ");
  }

  @Test
  void aTeamImageNameDockerTakesButEcrRefusesIsAnError() {
    error(
        "dev-cluster/my--app:1.0",
        "[team-image] image = \"dev-cluster/my--app:1.0\" is a team image in the ECR"
            + " repository demo/my--app which ECR refuses: the name after dev-cluster/ is one component of lower-case"
            + " letters and digits, separated by single '.', '_' or '-'; name it like \"dev-cluster/my-app:1.0\"");
    error(
        "dev-cluster/tools/app:1.0",
        "[team-image] image = \"dev-cluster/tools/app:1.0\" is a team image in the ECR"
            + " repository demo/tools/app which ECR refuses");
  }

  @Test
  void aRepositoryNameOverEcrsLengthIsAnError() {
    error(
        "dev-cluster/" + "a".repeat(252) + ":1.0",
        "[team-image] image = \"dev-cluster/"
            + "a".repeat(252)
            + ":1.0\" is a team image in the ECR repository demo/"
            + "a".repeat(75)
            + "... of 257 characters, but ECR"
            + " takes at most 256");
  }

  @Test
  void aNameWhoseStackOutputWouldBeTooLongIsAnError() {
    error(
        "dev-cluster/" + "a".repeat(243) + ":1.0",
        "whose stack output "
            + "A"
            + "a".repeat(19)
            + "... would have 256 characters, but CloudFormation takes at most 255");
  }

  @Test
  void aTeamImageEcrTakesIsFine() {
    assertThat(compile(withImage("dev-cluster/my_app.web-2:1.0"), "my_app.web-2"))
        .succeededWithoutWarnings();
    assertThat(compile(withImage("dev-cluster/" + "a".repeat(242) + ":1.0"), "a".repeat(242)))
        .succeededWithoutWarnings();
  }

  @Test
  void withoutAnyOptionTheFrameworksImagesGiveTheClusterItsRegistrySoTheNameIsChecked() {
    ClusterSources sources = withImage("dev-cluster/my--app:1.0");

    Compilation compilation = Compile.cluster(sources);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[team-image] image = \"dev-cluster/my--app:1.0\" is a team image in the"
                + " ECR repository demo/my--app which ECR refuses")
        .inFile(sources.file("Web"))
        .onLineContaining("image = ");
  }
}
