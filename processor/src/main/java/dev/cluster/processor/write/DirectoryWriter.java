package dev.cluster.processor.write;

import dev.cluster.processor.generate.GeneratedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.FilerException;

/**
 * Writes generated files straight into the class output directory, past javac's {@code Filer}: the
 * Filer compares each new file with every file created before it, which is quadratic in the
 * thousands of files a large cluster has. What the Filer guarantees and the processor relies on is
 * kept: a path is written once per compilation (a second write fails, before anything of its batch
 * is written), and never outside the directory.
 */
public final class DirectoryWriter {
  private final Path root;

  /** Every path written in this compilation, across clusters, as the Filer remembers them. */
  private final Set<String> written = new HashSet<>();

  private final Set<Path> directories = new HashSet<>();

  /**
   * In each temporary file's name: one random token per compilation, not one per file (SecureRandom
   * is slow).
   */
  private final String temporaryToken = UUID.randomUUID().toString();

  public DirectoryWriter(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * Checks every path first, then writes each file whole (a temporary file beside it, renamed over
   * it).
   */
  public void write(List<GeneratedFile> files) throws IOException {
    Set<String> batch = new HashSet<>();
    List<Path> targets = new ArrayList<>(files.size());
    for (GeneratedFile file : files) {
      Path target = resolve(file.path());
      if (written.contains(file.path()) || !batch.add(file.path())) {
        throw new FilerException(
            "Attempt to reopen a file for path "
                + target
                + ": it was already written in this compilation");
      }
      targets.add(target);
    }
    written.addAll(batch);
    for (int i = 0; i < files.size(); i++) {
      writeWhole(targets.get(i), files.get(i).content());
    }
  }

  private Path resolve(String relativePath) {
    Path relative = root.getFileSystem().getPath(relativePath);
    Path path = root.resolve(relative).normalize();
    if (relativePath.isEmpty()
        || relative.isAbsolute()
        || !path.startsWith(root)
        || path.equals(root)) {
      throw new IllegalArgumentException("Invalid relative name: " + relativePath);
    }
    return path;
  }

  private void writeWhole(Path target, byte[] content) throws IOException {
    Path directory = target.getParent();
    if (directories.add(directory)) {
      Files.createDirectories(directory);
    }
    // Not Files.createTempFile: its owner-only permissions would differ from the Filer's (the
    // umask's) in the jar.
    Path temporary = directory.resolve("." + target.getFileName() + "." + temporaryToken + ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW)) {
        out.write(content);
      }
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
