package dev.cluster.runtime.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container sources the runtime's jar ships: unpacked, every image folder has the checkout's
 * content tag.
 */
class ContainerSourcesTest {
  private static final Path CHECKOUT_CONTAINERS = Path.of("../containers");

  @Test
  void theShippedSourcesGiveEveryImageFolderTheCheckoutsContentTag(@TempDir Path dir) {
    Path containers = ContainerSources.unpackShipped(dir);

    Map<String, String> shipped = new TreeMap<>();
    ImageTags.folders(containers)
        .forEach(folder -> shipped.put(folder.getFileName().toString(), ImageContent.tag(folder)));
    assertEquals(ImageTags.of(CHECKOUT_CONTAINERS), shipped);
    assertTrue(
        shipped.containsKey("redis")
            && shipped.containsKey("agents")
            && shipped.containsKey("postgres-patroni"),
        shipped.toString());
    assertTrue(Files.isExecutable(containers.resolve("build.sh")));
    assertTrue(Files.isExecutable(containers.resolve("mariadb/entrypoint.sh")));
    assertTrue(!Files.isExecutable(containers.resolve("redis/Containerfile")));
  }

  @Test
  void packingTheCheckoutTwiceGivesTheSameBytes() throws IOException {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    ContainerSources.pack(CHECKOUT_CONTAINERS, first);
    ContainerSources.pack(CHECKOUT_CONTAINERS, second);
    assertTrue(java.util.Arrays.equals(first.toByteArray(), second.toByteArray()));
  }

  @Test
  void anEntryOutsideTheRootIsRefused(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("containers/../../escaped"));
      zip.write("x".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }

    IOException refused =
        assertThrows(
            IOException.class,
            () ->
                ContainerSources.unpack(
                    new ByteArrayInputStream(bytes.toByteArray()), dir.resolve("root")));
    assertTrue(refused.getMessage().contains("containers/../../escaped"), refused.getMessage());
    assertTrue(!Files.exists(dir.resolve("escaped")));
  }
}
