package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example app of a project made by the archetype (its containers/web/), as the cluster runs it,
 * on the host's network: BusyBox's httpd serves the page on its {@code @Port} 80 as the user web,
 * which only the file capability the Containerfile gives busybox lets bind port 80, and its
 * HEALTHCHECK passes.
 */
class ArchetypeWebImageTest {
  private static final Path WEB =
      Podman.CONTAINERS.resolveSibling(
          "archetype/src/main/resources/archetype-resources/containers/web");
  private static final int PORT = 80;

  @Test
  void servesItsPageOnPort80AsAUserThatIsNotRoot() throws Exception {
    String image = Podman.imageOf(WEB, "localhost/dev-cluster/archetype-web:test");
    assertFalse(
        Wait.portOpen(PORT),
        "port " + PORT + " of 127.0.0.1 is taken: the example app listens there");
    try (var web = Podman.run(image, List.of())) {
      web.awaitHealthy(Duration.ofSeconds(60));
      Http.Response page = Http.get(PORT, "web.dev.example.com", "/");
      assertEquals(200, page.status(), page.headers());
      assertEquals(Files.readString(WEB.resolve("index.html")), page.body());
      assertEquals("web\n", web.exec("id", "-un").orFail().out());
    }
  }
}
