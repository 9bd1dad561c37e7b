package dev.cluster.runtime.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacking a zip of sources or built files into a folder, and nowhere else. */
public final class Zips {
  private Zips() {}

  /**
   * Writes every entry of the zip under {@code dir}; refuses an entry that would land outside it.
   */
  public static void unzip(InputStream in, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        Path file = root.resolve(entry.getName()).normalize();
        if (!file.startsWith(root)) {
          throw new IOException("the zip holds an entry " + entry.getName() + " outside its root");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(file);
          continue;
        }
        Files.createDirectories(file.getParent());
        Files.copy(zip, file);
      }
    }
  }
}
