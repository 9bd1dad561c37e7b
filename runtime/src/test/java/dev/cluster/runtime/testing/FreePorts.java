package dev.cluster.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports on 127.0.0.1 that were free a moment ago, chosen by the kernel so parallel builds do not
 * collide.
 */
public final class FreePorts {

  public static int next() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private FreePorts() {}
}
