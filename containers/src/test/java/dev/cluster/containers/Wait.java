package dev.cluster.containers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until something is true, and the free ports the tests' services listen on. */
final class Wait {
  private Wait() {}

  /**
   * Polls every 250 ms; on time-out fails with the description and what {@code diagnostics} says
   * then.
   */
  static void until(
      Duration limit, String what, BooleanSupplier condition, Supplier<String> diagnostics) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + limit + ": " + what + "\n" + diagnostics.get());
      }
      sleep(Duration.ofMillis(250));
    }
  }

  static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port nobody listens on now, and never handed out before in this run: a test often picks
   * several before any of them is bound, and the kernel may offer a just-closed one again.
   */
  static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
