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
import java.util.zip.GZIPOutputStream;

/**
 * A node's setup as the Ignition 3.3 config Flatcar reads from its user data. File contents are gzipped
 * (Java writes no timestamp into the gzip header, so the bytes are deterministic) to keep the template
 * small.
 */
public final class Ignition {
  private Ignition() {}

  public static String config(NodeSetup setup) {
    ObjectNode root = Json.object();
    root.putObject("ignition").put("version", "3.3.0");
    ArrayNode files = root.putObject("storage").putArray("files");
    for (NodeFile file : setup.files()) {
      ObjectNode node = files.addObject();
      node.put("path", file.path());
      node.put("mode", file.mode());
      node.put("overwrite", true);
      if (StackRef.appearsIn(file.content())) {
        // Deploy-time values cannot be substituted inside compressed bytes: such files go as plain text.
        node.putObject("contents").put("source", "data:," + percentEncodedAroundRefs(file.content()));
      } else {
        node.putObject("contents")
            .put("compression", "gzip")
            .put("source", "data:;base64," + gzipBase64(file.content()));
      }
    }
    ArrayNode units = root.putObject("systemd").putArray("units");
    for (SystemdUnit unit : setup.units()) {
      ObjectNode node = units.addObject();
      node.put("name", unit.name());
      boolean installable = unit.sections().stream().anyMatch(s -> s.name().equals("Install"));
      if (installable) {
        node.put("enabled", true);
      }
      node.put("contents", unit.render());
    }
    return Json.compact(root);
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
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
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
