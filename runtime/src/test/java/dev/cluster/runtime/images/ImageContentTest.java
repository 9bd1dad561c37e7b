package dev.cluster.runtime.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an image's content tag depends on, and what it ignores. */
class ImageContentTest {
  @TempDir Path containers;
  private Path app;

  @BeforeEach
  void folders() throws Exception {
    app = Files.createDirectories(containers.resolve("app"));
    Files.writeString(app.resolve("Containerfile"), "FROM scratch\nCOPY target/app.jar /app.jar\n");
    Files.createDirectories(containers.resolve("lib/src"));
    Files.writeString(containers.resolve("lib/src/Lib.java"), "class Lib {}\n");
    Files.createDirectories(containers.resolve("notes"));
    Files.writeString(containers.resolve("notes/README"), "no Containerfile: not an image\n");
  }

  @Test
  void buildOutputsDoNotChangeTheTagAndSourcesDo() throws Exception {
    String before = ImageContent.tag(app);
    Files.createDirectories(app.resolve("target"));
    Files.writeString(app.resolve("target/app.jar"), "built at " + System.nanoTime());
    assertEquals(before, ImageContent.tag(app));

    Files.writeString(
        app.resolve("Containerfile"), "FROM scratch\nCOPY target/app.jar /srv/app.jar\n");
    assertNotEquals(before, ImageContent.tag(app));
  }

  @Test
  void whatTheImageCopiesFromElsewhereCountsOnceListed() throws Exception {
    String alone = ImageContent.tag(app);
    Files.writeString(
        app.resolve(ImageContent.INPUTS_FILE), "# the library the jar bundles\n../lib/src\n");
    String withInputs = ImageContent.tag(app);
    assertNotEquals(alone, withInputs);

    Files.writeString(containers.resolve("lib/src/Lib.java"), "class Lib { int changed; }\n");
    assertNotEquals(withInputs, ImageContent.tag(app));
  }

  @Test
  void aMissingInputIsAnErrorNamingTheFile() throws Exception {
    Files.writeString(app.resolve(ImageContent.INPUTS_FILE), "../gone\n");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ImageContent.tag(app));

    assertTrue(
        e.getMessage()
            .contains(
                app.resolve(ImageContent.INPUTS_FILE) + " names ../gone, which does not exist"),
        e.getMessage());
  }

  @Test
  void imageTagsListsEveryFolderWithAContainerfile() {
    Map<String, String> tags = ImageTags.of(containers);

    assertEquals(Map.of("app", ImageContent.tag(app)), tags);
    assertEquals("app " + ImageContent.tag(app) + "\n", ImageTags.format(tags));
  }
}
