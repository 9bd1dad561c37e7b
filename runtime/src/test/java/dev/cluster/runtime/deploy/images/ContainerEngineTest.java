package dev.cluster.runtime.deploy.images;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerEngineTest {
  @Test
  void withNeitherPodmanNorDockerTheErrorSaysSo(@TempDir Path emptyBin) {
    DeployException e =
        assertThrows(DeployException.class, () -> ContainerEngine.detect(List.of(emptyBin)));

    assertTrue(e.getMessage().startsWith("neither podman nor docker is installed"), e.getMessage());
  }
}
