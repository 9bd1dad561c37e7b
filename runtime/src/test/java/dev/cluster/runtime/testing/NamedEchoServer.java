package dev.cluster.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP backend on 127.0.0.1 that answers every line with its own name, so a client sees who served
 * it.
 */
public final class NamedEchoServer implements AutoCloseable {

  private final String name;
  private final ServerSocket server;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();

  public NamedEchoServer(String name) {
    this.name = name;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "echo-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public String name() {
    return name;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        Thread serve = new Thread(() -> serve(socket), "echo-" + name + "-conn");
        serve.setDaemon(true);
        serve.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = socket.getOutputStream();
      while (in.readLine() != null) {
        out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException closed) {
      // client or test closed the connection
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
