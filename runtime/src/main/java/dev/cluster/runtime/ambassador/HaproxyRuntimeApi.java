package dev.cluster.runtime.ambassador;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * HAProxy's runtime API on its admin socket: one command per connection, the answer read until
 * HAProxy closes.
 */
public record HaproxyRuntimeApi(Path socket) {

  public String execute(String command) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) >= 0) {
        answer.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      String text = answer.toString(StandardCharsets.UTF_8).strip();
      if (text.startsWith("No such")
          || text.startsWith("Unknown command")
          || text.contains("Require")
          || text.startsWith("Invalid")) {
        throw new IOException("HAProxy refused '" + command + "': " + text);
      }
      return text;
    }
  }
}
