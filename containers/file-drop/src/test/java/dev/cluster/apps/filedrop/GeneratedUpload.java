package dev.cluster.apps.filedrop;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A multipart upload of one file of any size, generated as it is read: the upload form's recipients
 * field, then {@code size} bytes of file, then the closing boundary. Nothing of the file is ever
 * held whole.
 */
final class GeneratedUpload extends InputStream {
  private final byte[] head;
  private final byte[] tail;
  private final long size;
  private final byte[] pattern = new byte[64 * 1024];
  private long position;

  GeneratedUpload(String recipient, long size) {
    String recipients =
        new String(
            new MultipartBody().field("recipients", recipient).end(), StandardCharsets.UTF_8);
    // The form without its closing boundary, then the file's part header.
    String fields =
        recipients.substring(0, recipients.lastIndexOf("--" + MultipartBody.BOUNDARY + "--"));
    this.head =
        (fields + MultipartBody.fileHeader("files", "generated.bin"))
            .getBytes(StandardCharsets.UTF_8);
    this.tail = ("\r\n--" + MultipartBody.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    this.size = size;
    Arrays.fill(pattern, (byte) 'x');
  }

  long length() {
    return head.length + size + tail.length;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= length()) {
      return -1;
    }
    int n;
    if (position < head.length) {
      n = Math.min(length, head.length - (int) position);
      System.arraycopy(head, (int) position, buffer, offset, n);
    } else if (position < head.length + size) {
      n = (int) Math.min(Math.min(length, pattern.length), head.length + size - position);
      System.arraycopy(pattern, 0, buffer, offset, n);
    } else {
      int at = (int) (position - head.length - size);
      n = Math.min(length, tail.length - at);
      System.arraycopy(tail, at, buffer, offset, n);
    }
    position += n;
    return n;
  }
}
