package dev.cluster.processor.write;

import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.FilerException;

/**
 * Writes generated files straight into the class output directory, past javac's {@code Filer}: the Filer compares
 * each new file with every file created before it, which is quadratic in the thousands of files a large cluster
 * has. What the Filer guarantees and the processor relies on is kept: a path is written once per compilation (a
 * second write fails, before anything of its batch is written), and never outside the directory.
 */
public final class DirectoryWriter {
  private final Path root;
  /** Every path written in this compilation, across clusters, as the Filer remembers them. */
  private final Set<String> written = new HashSet<>();
  private final Set<Path> directories = new HashSet<>();

  public DirectoryWriter(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Checks every path first, then writes each file whole (a temporary file beside it, renamed over it). */
  public void write(List<GeneratedFile> files) throws IOException {
    Set<String> batch = new HashSet<>();
    for (GeneratedFile file : files) {
      resolve(file.path());
      if (written.contains(file.path()) || !batch.add(file.path())) {
        throw new FilerException("Attempt to reopen a file for path " + root.resolve(file.path())
            + ": it was already written in this compilation");
      }
    }
    written.addAll(batch);
    for (GeneratedFile file : files) {
      writeWhole(resolve(file.path()), file.content());
    }
  }

  private Path resolve(String relativePath) {
    Path path = root.resolve(relativePath).normalize();
    if (relativePath.isEmpty() || Path.of(relativePath).isAbsolute() || !path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("Invalid relative name: " + relativePath);
    }
    return path;
  }

  private void writeWhole(Path target, byte[] content) throws IOException {
    Path directory = target.getParent();
    if (directories.add(directory)) {
      Files.createDirectories(directory);
    }
    // Not Files.createTempFile: its owner-only permissions would differ from the Filer's (the umask's) in the jar.
    Path temporary = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
        out.write(content);
      }
      try {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
