package dev.cluster.apps.apiproxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An upstream's answer, already scrubbed of the key: what the client gets and what the cache keeps.
 */
public record UpstreamResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  public UpstreamResponse {
    headers = List.copyOf(headers);
  }

  public Optional<String> header(String name) {
    return headers.stream()
        .filter(h -> h.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** A compact binary form for Redis. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(status);
      out.writeInt(headers.size());
      for (Map.Entry<String, String> header : headers) {
        out.writeUTF(header.getKey());
        out.writeUTF(header.getValue());
      }
      out.writeInt(body.length);
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static UpstreamResponse decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int status = in.readInt();
      int count = in.readInt();
      Map.Entry<String, String>[] headers = newEntries(count);
      for (int i = 0; i < count; i++) {
        headers[i] = Map.entry(in.readUTF(), in.readUTF());
      }
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return new UpstreamResponse(status, List.of(headers), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map.Entry<String, String>[] newEntries(int count) {
    return new Map.Entry[count];
  }
}
