package dev.cluster.apps.filedrop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A multipart/form-data body as a browser sends the upload form, built in memory for small test
 * files.
 */
final class MultipartBody {
  static final String BOUNDARY = "----test-boundary-7MA4YWxkTrZu0gW";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  MultipartBody field(String name, String value) {
    write(
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
    return this;
  }

  MultipartBody file(String name, String fileName, byte[] content) {
    write(fileHeader(name, fileName));
    out.writeBytes(content);
    write("\r\n");
    return this;
  }

  static String fileHeader(String name, String fileName) {
    return "--"
        + BOUNDARY
        + "\r\nContent-Disposition: form-data; name=\""
        + name
        + "\"; filename=\""
        + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  }

  byte[] end() {
    write("--" + BOUNDARY + "--\r\n");
    return out.toByteArray();
  }

  private void write(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
