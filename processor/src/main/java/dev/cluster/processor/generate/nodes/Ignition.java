package dev.cluster.processor.generate.nodes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cluster.processor.generate.json.Json;
import dev.cluster.processor.generate.text.SystemdUnit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A node's setup as the Ignition 3.3 configs Flatcar reads: {@link #config} the group's whole
 * setup, the object its machines fetch from S3; {@link #pointer} the user data, which merges that
 * object in (checked against its SHA-512) and carries only the files that hold deploy-time values.
 * File contents in the object are gzipped (Java writes no timestamp into the gzip header, so the
 * bytes are deterministic).
 */
public final class Ignition {
  static final String VERSION = "3.3.0";

  private Ignition() {}

  /**
   * Every file and unit of {@code setup}; none may hold a deploy-time value, since the result is
   * hashed at compile time.
   */
  public static String config(NodeSetup setup) {
    ObjectNode root = Json.object();
    root.putObject("ignition").put("version", VERSION);
    ArrayNode files = root.putObject("storage").putArray("files");
    for (NodeFile file : setup.files()) {
      requireNoStackRef(file.path(), file.content());
      file(files, file)
          .putObject("contents")
          .put("compression", "gzip")
          .put("source", "data:;base64," + gzipBase64(file.content()));
    }
    for (SystemdUnit unit : setup.units()) {
      requireNoStackRef(unit.name(), unit.render());
    }
    units(root, setup.units());
    return Json.compact(root);
  }

  /**
   * The user data: merges the config at {@code source} once its SHA-512 is {@code sha512Hex}, and
   * installs {@code deployTime}, the files (as plain text) and units that hold deploy-time values,
   * since the stack joins those in around their {@code @@Ref:Name@@}s.
   */
  public static String pointer(String source, String sha512Hex, NodeSetup deployTime) {
    ObjectNode root = Json.object();
    ObjectNode ignition = root.putObject("ignition");
    ignition.put("version", VERSION);
    ignition
        .putObject("config")
        .putArray("merge")
        .addObject()
        .put("source", source)
        .putObject("verification")
        .put("hash", "sha512-" + sha512Hex);
    if (!deployTime.files().isEmpty()) {
      ArrayNode files = root.putObject("storage").putArray("files");
      for (NodeFile file : deployTime.files()) {
        file(files, file)
            .putObject("contents")
            .put("source", "data:," + percentEncodedAroundRefs(file.content()));
      }
    }
    if (!deployTime.units().isEmpty()) {
      units(root, deployTime.units());
    }
    return Json.compact(root);
  }

  private static void units(ObjectNode root, List<SystemdUnit> units) {
    ArrayNode nodes = root.putObject("systemd").putArray("units");
    for (SystemdUnit unit : units) {
      ObjectNode node = nodes.addObject();
      node.put("name", unit.name());
      boolean installable = unit.sections().stream().anyMatch(s -> s.name().equals("Install"));
      if (installable) {
        node.put("enabled", true);
      }
      node.put("contents", unit.render());
    }
  }

  private static ObjectNode file(ArrayNode files, NodeFile file) {
    ObjectNode node = files.addObject();
    node.put("path", file.path());
    node.put("mode", file.mode());
    node.put("overwrite", true);
    return node;
  }

  private static void requireNoStackRef(String what, String content) {
    if (StackRef.appearsIn(content)) {
      throw new IllegalStateException(
          what
              + " refers to a deploy-time value but goes into the config hashed at compile time:"
              + " BootConfig puts those into the user data");
    }
  }

  private static String percentEncodedAroundRefs(String text) {
    StringBuilder out = new StringBuilder();
    for (StackRef.Part part : StackRef.split(text)) {
      out.append(part.parameter() ? StackRef.to(part.text()) : percentEncoded(part.text()));
    }
    return out.toString();
  }

  /** RFC 3986 percent-encoding of everything but unreserved characters, as data URLs want. */
  private static String percentEncoded(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String gzipBase64(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
