package dev.cluster.runtime.deploy.recover;

import dev.cluster.runtime.deploy.console.DeployException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A snapshot file as {@code /opt/bin/etcd-snapshot} writes it: a gzipped tar of {@code cluster},
 * {@code etcd-v3.db} and {@code fleet-v2.json}. Reads only what the deploy client needs (the
 * cluster's name and fleet's keys): plain ustar entries, as GNU tar writes short names.
 */
public record SnapshotArchive(Path file) {
  private static final int BLOCK = 512;

  /** The cluster the snapshot was taken of. */
  public String cluster() {
    return entry("cluster")
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
        .orElseThrow(
            () -> new DeployException(file + " is no etcd snapshot: it has no file named cluster"));
  }

  /** fleet's v2 key space at snapshot time, as etcd's v2 API answered a recursive GET. */
  public byte[] fleetKeys() {
    return entry("fleet-v2.json")
        .orElseThrow(
            () -> new DeployException(file + " is no etcd snapshot: it has no fleet-v2.json"));
  }

  Optional<byte[]> entry(String name) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      byte[] header = new byte[BLOCK];
      while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0) {
        String entryName = field(header, 0, 100);
        long size = Long.parseLong(field(header, 124, 12).trim(), 8);
        long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
        if (entryName.equals(name) || entryName.equals("./" + name)) {
          byte[] content = in.readNBytes((int) size);
          if (content.length != size) {
            throw new DeployException(file + " is truncated in " + name);
          }
          return Optional.of(content);
        }
        in.skipNBytes(padded);
      }
      return Optional.empty();
    } catch (NumberFormatException | java.io.EOFException e) {
      throw new DeployException(file + " is not a tar.gz snapshot: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
