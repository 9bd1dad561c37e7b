package dev.cluster.team;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The front door's generated server blocks, all loaded together, pass nginx's own parser (nginx
 * -t).
 */
class FrontDoorConfigCheckerTest {
  private static final Path FRONT_DOOR = ProjectFiles.OUTPUTS.resolve("config/front-door");

  @Test
  void everyServerBlockPassesNginx() {
    assertTrue(Files.isDirectory(FRONT_DOOR), "the build did not generate " + FRONT_DOOR);
    ProjectFiles.Run check =
        ProjectFiles.run(List.of("bash", "scripts/check-nginx.sh", FRONT_DOOR.toString()), 120);
    assertEquals(0, check.exitCode(), check.output());
  }
}
