package dev.cluster.apps.filedrop;

import jakarta.servlet.MultipartConfigElement;
import java.nio.file.Path;

/**
 * The most one upload may carry, enforced by the multipart parser while it reads: parts go to files
 * in {@code incoming} once past {@link #IN_MEMORY_BYTES}, so an upload of any size holds no more
 * than that in memory, and the parser stops reading at the limit.
 */
record UploadLimit(long maxBytes) {
  static final int IN_MEMORY_BYTES = 64 * 1024;

  MultipartConfigElement multipartConfig(Path incoming) {
    return new MultipartConfigElement(incoming.toString(), -1, maxBytes, IN_MEMORY_BYTES);
  }

  boolean exceededBy(long declaredLength) {
    return declaredLength > maxBytes;
  }

  /**
   * Whether the parser gave up because the upload passed the limit. The Servlet API has no
   * exception type for it; Jetty throws IllegalStateException with these words.
   */
  static boolean reportsExceeded(IllegalStateException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("exceeds maxRequestSize") || message.contains("exceeds max filesize");
  }
}
