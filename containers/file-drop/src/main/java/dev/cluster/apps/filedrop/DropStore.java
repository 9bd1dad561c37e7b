package dev.cluster.apps.filedrop;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The drops on the storage volume: {@code drops/<sha256 of token>/content} and its record {@code
 * drop.properties}. An expired or used-up drop loses its content at once and keeps its record for
 * {@link #TOMBSTONE} longer, so its link answers 410 rather than 404. {@code incoming/} holds
 * uploads still arriving, on the same file system so that finishing one is a rename.
 */
public final class DropStore {
  static final Duration TOMBSTONE = Duration.ofDays(30);
  private static final String CONTENT = "content";
  private static final String RECORD = "drop.properties";

  private final Path drops;
  private final Path incoming;

  public DropStore(Path storage) {
    this.drops = storage.resolve("drops");
    this.incoming = storage.resolve("incoming");
    try {
      Files.createDirectories(drops);
      Files.createDirectories(incoming);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where uploads are written while they arrive. */
  public Path incoming() {
    return incoming;
  }

  /** Where the content of a new drop goes; the caller moves the finished upload there. */
  public Path newContentPath(DropToken token) throws IOException {
    Path folder = Files.createDirectory(drops.resolve(token.storageKey()));
    return folder.resolve(CONTENT);
  }

  public void record(DropToken token, Drop drop) throws IOException {
    write(drops.resolve(token.storageKey()), drop);
  }

  /** What a link leads to. */
  public sealed interface Claim {
    /** The content, opened: it stays readable even when this was the last allowed download. */
    record Ready(Drop drop, InputStream content) implements Claim {}

    record Gone() implements Claim {}

    record Unknown() implements Claim {}
  }

  /**
   * Uses one download of a link, deleting the content when that was the last one or the link
   * expired.
   */
  public synchronized Claim claim(DropToken token, Instant now) throws IOException {
    Path folder = drops.resolve(token.storageKey());
    Optional<Drop> found = read(folder);
    if (found.isEmpty()) {
      return new Claim.Unknown();
    }
    Drop drop = found.get();
    Path content = folder.resolve(CONTENT);
    if (drop.expiredAt(now) || drop.usedUp() || !Files.exists(content)) {
      Files.deleteIfExists(content);
      return new Claim.Gone();
    }
    InputStream stream = Files.newInputStream(content);
    Drop after = drop.afterOneDownload();
    write(folder, after);
    if (after.usedUp()) {
      Files.delete(content);
    }
    return new Claim.Ready(drop, stream);
  }

  /** Deletes expired content, the records of long-gone drops, and uploads abandoned mid-way. */
  public synchronized void sweep(Instant now) throws IOException {
    for (Path folder : list(drops)) {
      Optional<Drop> drop = read(folder);
      if (drop.isEmpty() || drop.get().expiresAt().plus(TOMBSTONE).isBefore(now)) {
        deleteFolder(folder);
      } else if (drop.get().expiredAt(now)) {
        Files.deleteIfExists(folder.resolve(CONTENT));
      }
    }
    Instant abandoned = now.minus(Duration.ofDays(1));
    for (Path upload : list(incoming)) {
      if (Files.getLastModifiedTime(upload).toInstant().isBefore(abandoned)) {
        Files.deleteIfExists(upload);
      }
    }
  }

  private static Optional<Drop> read(Path folder) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(folder.resolve(RECORD), StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(
        new Drop(
            p.getProperty("fileName"),
            Long.parseLong(p.getProperty("size")),
            p.getProperty("sender"),
            Instant.parse(p.getProperty("expiresAt")),
            Integer.parseInt(p.getProperty("downloadsLeft"))));
  }

  private static void write(Path folder, Drop drop) throws IOException {
    Properties p = new Properties();
    p.setProperty("fileName", drop.fileName());
    p.setProperty("size", Long.toString(drop.size()));
    p.setProperty("sender", drop.sender());
    p.setProperty("expiresAt", drop.expiresAt().toString());
    p.setProperty("downloadsLeft", Integer.toString(drop.downloadsLeft()));
    Path next = folder.resolve(RECORD + ".next");
    try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }
    Files.move(
        next,
        folder.resolve(RECORD),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }

  private static void deleteFolder(Path folder) throws IOException {
    for (Path file : list(folder)) {
      Files.deleteIfExists(file);
    }
    Files.deleteIfExists(folder);
  }
}
