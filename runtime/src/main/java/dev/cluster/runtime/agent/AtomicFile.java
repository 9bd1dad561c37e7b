package dev.cluster.runtime.agent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the whole new one, never a part: a
 * temporary file in the same directory, created with its final permissions (a secret is never
 * readable by others, not even for a moment), written, synced, then renamed over the target.
 */
public final class AtomicFile {

  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temp =
        Files.createTempFile(
            absolute.getParent(),
            "." + absolute.getFileName() + ".",
            ".tmp",
            PosixFilePermissions.asFileAttribute(permissions));
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // createTempFile's attribute is filtered by the umask; set the mode exactly
      Files.setPosixFilePermissions(temp, permissions);
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename " + temp + " over " + absolute + " atomically", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private AtomicFile() {}
}
