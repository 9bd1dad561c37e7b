package dev.cluster.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One long-lived TCP connection that sends a line and reads the one-line answer. */
public final class LineClient implements AutoCloseable {

  private final Socket socket;
  private final BufferedReader in;

  public LineClient(int port, int readTimeoutMs) throws IOException {
    this(InetAddress.getLoopbackAddress(), port, readTimeoutMs);
  }

  /**
   * A connection to 127.0.0.1 from {@code source}, another loopback address of this machine (e.g.
   * 127.0.0.2).
   */
  public LineClient(InetAddress source, int port, int readTimeoutMs) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port, source, 0);
    socket.setSoTimeout(readTimeoutMs);
    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * @return the answer, or null when the connection was closed by the other side
   */
  public String ask(String line) throws IOException {
    socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
    return in.readLine();
  }

  /** Who answers a fresh connection, or null if it was refused or closed. */
  public static String whoServes(int port) {
    return whoServes(InetAddress.getLoopbackAddress(), port);
  }

  /** Who answers a fresh connection from {@code source}, or null if it was refused or closed. */
  public static String whoServes(InetAddress source, int port) {
    try (LineClient client = new LineClient(source, port, 2000)) {
      return client.ask("who");
    } catch (IOException refusedOrReset) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
