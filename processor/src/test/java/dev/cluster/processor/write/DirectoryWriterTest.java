package dev.cluster.processor.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.processing.FilerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class output written past the Filer: each file whole, each path once, nothing outside the
 * directory.
 */
class DirectoryWriterTest {
  private static final GeneratedFile TEMPLATE =
      GeneratedFile.text("cluster/demo/template.json", "{ }\n");
  private static final GeneratedFile UNIT =
      GeneratedFile.text("cluster/demo/units/web@.service", "[Unit]\nDescription=web\n");

  @Test
  void writesEachFileWithItsBytesIntoItsFolders(@TempDir Path dir) throws IOException {
    byte[] binary = {0, (byte) 0xff, '\r', '\n', (byte) 0xc3, (byte) 0xa9};
    new DirectoryWriter(dir)
        .write(List.of(TEMPLATE, UNIT, new GeneratedFile("cluster/demo/nodes/main/blob", binary)));
    assertArrayEquals(
        TEMPLATE.content(), Files.readAllBytes(dir.resolve("cluster/demo/template.json")));
    assertArrayEquals(
        UNIT.content(), Files.readAllBytes(dir.resolve("cluster/demo/units/web@.service")));
    assertArrayEquals(binary, Files.readAllBytes(dir.resolve("cluster/demo/nodes/main/blob")));
    assertEquals(
        List.of(
            "cluster/demo/nodes/main/blob",
            "cluster/demo/template.json",
            "cluster/demo/units/web@.service"),
        files(dir),
        "no temporary file is left");
  }

  /** An incremental build writes over the outputs of the build before it. */
  @Test
  void replacesTheFileOfAnEarlierBuildWhole(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("cluster/demo"));
    Files.writeString(
        dir.resolve("cluster/demo/template.json"), "a longer template of an earlier build\n");
    new DirectoryWriter(dir).write(List.of(TEMPLATE));
    assertEquals("{ }\n", Files.readString(dir.resolve("cluster/demo/template.json")));
    assertEquals(List.of("cluster/demo/template.json"), files(dir));
  }

  @Test
  void aPathTwiceInOneBatchFailsBeforeAnyFileIsWritten(@TempDir Path dir) {
    DirectoryWriter writer = new DirectoryWriter(dir);
    FilerException failure =
        assertThrows(
            FilerException.class,
            () ->
                writer.write(
                    List.of(
                        TEMPLATE,
                        UNIT,
                        GeneratedFile.text("cluster/demo/units/web@.service", "other"))));
    assertEquals(
        "Attempt to reopen a file for path "
            + dir.resolve("cluster/demo/units/web@.service")
            + ": it was already written in this compilation",
        failure.getMessage());
    assertEquals(List.of(), files(dir));
  }

  /**
   * As the Filer refuses it: two clusters of one name in two packages would write the same paths.
   */
  @Test
  void aPathWrittenEarlierInTheCompilationFails(@TempDir Path dir) throws IOException {
    DirectoryWriter writer = new DirectoryWriter(dir);
    writer.write(List.of(TEMPLATE));
    assertThrows(
        FilerException.class,
        () ->
            writer.write(List.of(UNIT, GeneratedFile.text("cluster/demo/template.json", "other"))));
    assertEquals("{ }\n", Files.readString(dir.resolve("cluster/demo/template.json")));
    assertFalse(
        Files.exists(dir.resolve("cluster/demo/units/web@.service")),
        "nothing of the failed batch");
  }

  @Test
  void aPathOutsideTheDirectoryIsRefused(@TempDir Path dir) {
    DirectoryWriter writer = new DirectoryWriter(dir.resolve("classes"));
    for (String path :
        List.of(
            "../escaped.json", "cluster/../../escaped.json", dir.resolve("abs").toString(), "")) {
      IllegalArgumentException failure =
          assertThrows(
              IllegalArgumentException.class,
              () -> writer.write(List.of(GeneratedFile.text(path, "x"))),
              path);
      assertTrue(failure.getMessage().startsWith("Invalid relative name: "), failure.getMessage());
    }
    assertEquals(List.of(), files(dir));
  }

  private static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
