package dev.cluster.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.cluster.processor.testing.ClusterSources;
import dev.cluster.processor.testing.Compile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unbuilt-image}: an image in the framework's namespace that neither the framework's index
 * (in the processor's jar) nor the team's own tags know is a warning on its {@code image} saying
 * what to do.
 */
class UnbuiltImageRulesTest {
  private static ClusterSources withImage(String image) {
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

  @Test
  void anImageNobodyBuildsIsAWarningOnItsImageSayingWhatToDo() {
    ClusterSources sources = withImage("dev-cluster/reddis:7.0");

    Compilation compilation = Compile.cluster(sources);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining(
            "[unbuilt-image] image = \"dev-cluster/reddis:7.0\" is in the dev-cluster/"
                + " namespace, but no folder under containers/ builds reddis: neither the framework's images nor the team's own"
                + " (-Adev.cluster.imageTags) know it, so its units pull demo/reddis:7.0 from the cluster's registry, which"
                + " nothing of this build fills. Add containers/reddis (a Containerfile) and pass -Adev.cluster.imageTags=FILE"
                + " (written by dev.cluster.runtime.images.ImageTags), correct the name if you meant a framework image, or push"
                + " demo/reddis:7.0 from the repository that builds it before deploying")
        .inFile(sources.file("Web"))
        .onLine(5);
  }

  @Test
  void theClassMaySuppressItForAnImageAnotherRepositoryPushes() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "dev-cluster/intranet:2.4.1", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @SuppressWarnings("unbuilt-image")
        public class Web {}
        """);

    assertThat(Compile.cluster(sources)).succeededWithoutWarnings();
  }

  @Test
  void suppressingAnotherRuleLeavesTheWarning() {
    ClusterSources sources =
        ClusterSources.valid()
            .with(
                "Web",
                """
        @Service(image = "dev-cluster/intranet:2.4.1", replicas = 2, runsOn = Workers.class,
            ports = @Port(value = 8080, name = "http"))
        @SuppressWarnings({"image", "unchecked"})
        public class Web {}
        """);

    Compilation compilation = Compile.cluster(sources);

    assertThat(compilation).hadWarningCount(1);
    assertThat(compilation)
        .hadWarningContaining("[unbuilt-image]")
        .inFile(sources.file("Web"))
        .onLine(5);
  }

  @Test
  void aFrameworkImageAnUpstreamImageAndTheTeamsOwnAreFine(@TempDir Path dir) throws Exception {
    assertThat(Compile.cluster(withImage("dev-cluster/redis:7.0"))).succeededWithoutWarnings();
    assertThat(Compile.cluster(withImage("docker.io/library/nginx:1.25")))
        .succeededWithoutWarnings();
    Path tags = Files.writeString(dir.resolve("image-tags.txt"), "web 00000000000000aa\n");
    assertThat(Compile.cluster(withImage("dev-cluster/web:1.0"), "-Adev.cluster.imageTags=" + tags))
        .succeededWithoutWarnings();
  }
}
