package dev.cluster.processor.generate.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The scripts the machines get, from the processor's resources {@code
 * dev/cluster/processor/nodes/}.
 */
final class NodeResources {
  private NodeResources() {}

  static String read(String name) {
    try (InputStream in =
        NodeResources.class.getResourceAsStream("/dev/cluster/processor/nodes/" + name)) {
      if (in == null) {
        throw new IllegalStateException("processor resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
