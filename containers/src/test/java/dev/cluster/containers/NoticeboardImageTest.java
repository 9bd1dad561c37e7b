package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's ad-hoc app, as team-cluster runs it: BusyBox's httpd serves the noticeboard's page
 * on its {@code @Port} 8094, as a user that is not root, and its HEALTHCHECK passes.
 */
class NoticeboardImageTest {
  private static final int PORT = 8094;

  @Test
  void servesItsPage() throws Exception {
    String image = Podman.image("noticeboard");
    assertFalse(
        Wait.portOpen(PORT),
        "port " + PORT + " of 127.0.0.1 is taken: the noticeboard listens there");
    try (var board = Podman.run(image, List.of())) {
      board.awaitHealthy(Duration.ofSeconds(60));
      Http.Response page = Http.get(PORT, "noticeboard.dev.example.com", "/");
      assertEquals(200, page.status(), page.headers());
      assertEquals(
          Files.readString(Podman.CONTAINERS.resolve("noticeboard/index.html")), page.body());
      assertEquals(404, Http.get(PORT, "noticeboard.dev.example.com", "/no-such-page").status());
      assertTrue(board.exec("id", "-un").orFail().out().equals("noticeboard\n"));
    }
  }
}
