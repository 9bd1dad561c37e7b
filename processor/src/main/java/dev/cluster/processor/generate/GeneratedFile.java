package dev.cluster.processor.generate;

import java.nio.charset.StandardCharsets;

/** One output file: its path under the class output (so inside the jar) and its exact bytes. */
public record GeneratedFile(String path, byte[] content) {
  public static GeneratedFile text(String path, String text) {
    return new GeneratedFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
