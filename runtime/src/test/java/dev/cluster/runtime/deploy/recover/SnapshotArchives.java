package dev.cluster.runtime.deploy.recover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Snapshot files laid out as {@code /opt/bin/etcd-snapshot} writes them (GNU tar, gzip), with
 * fleet's v2 keys as fleet's etcd registry stores units: {@code job/NAME/object}, {@code
 * job/NAME/target-state}, {@code unit/SHA1}.
 */
final class SnapshotArchives {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotArchives() {}

  /**
   * etcd's answer to a recursive GET of /_coreos.com/fleet holding these units (unit file text,
   * target state).
   */
  static String fleetKeys(Map<String, Map.Entry<String, String>> units) {
    ObjectNode answer = JSON.createObjectNode().put("action", "get");
    ObjectNode root = answer.putObject("node").put("key", "/_coreos.com/fleet").put("dir", true);
    ArrayNode top = root.putArray("nodes");
    ArrayNode jobs =
        top.addObject().put("key", "/_coreos.com/fleet/job").put("dir", true).putArray("nodes");
    ArrayNode unitFiles =
        top.addObject().put("key", "/_coreos.com/fleet/unit").put("dir", true).putArray("nodes");
    units.forEach(
        (name, unit) -> {
          byte[] hash = sha1(unit.getKey());
          ObjectNode object = JSON.createObjectNode().put("Name", name);
          ArrayNode hashBytes = object.putArray("UnitHash");
          for (byte b : hash) {
            hashBytes.add(b & 0xff);
          }
          ArrayNode job =
              jobs.addObject()
                  .put("key", "/_coreos.com/fleet/job/" + name)
                  .put("dir", true)
                  .putArray("nodes");
          job.addObject()
              .put("key", "/_coreos.com/fleet/job/" + name + "/object")
              .put("value", object.toString());
          job.addObject()
              .put("key", "/_coreos.com/fleet/job/" + name + "/target-state")
              .put("value", unit.getValue());
          unitFiles
              .addObject()
              .put("key", "/_coreos.com/fleet/unit/" + HexFormat.of().formatHex(hash))
              .put("value", JSON.createObjectNode().put("Raw", unit.getKey()).toString());
        });
    return answer.toString();
  }

  /** A tar.gz of cluster, etcd-v3.db and fleet-v2.json, made by tar as the node script makes it. */
  static byte[] archive(Path work, String cluster, String fleetKeys) {
    try {
      Path dir = Files.createTempDirectory(work, "snapshot");
      Files.writeString(dir.resolve("cluster"), cluster + "\n");
      Files.write(dir.resolve("etcd-v3.db"), new byte[] {1, 2, 3});
      Files.writeString(dir.resolve("fleet-v2.json"), fleetKeys);
      Path file = dir.resolve("snapshot.tar.gz");
      Process tar =
          new ProcessBuilder(
                  "tar",
                  "-C",
                  dir.toString(),
                  "-czf",
                  file.toString(),
                  "cluster",
                  "etcd-v3.db",
                  "fleet-v2.json")
              .inheritIO()
              .start();
      if (tar.waitFor() != 0) {
        throw new IllegalStateException("tar failed");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha1(String text) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
