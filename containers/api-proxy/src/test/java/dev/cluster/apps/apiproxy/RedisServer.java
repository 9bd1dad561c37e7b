package dev.cluster.apps.apiproxy;

import dev.cluster.apps.common.testing.FreePort;
import dev.cluster.apps.common.testing.RequiredBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** A real redis-server of its own on 127.0.0.1, nothing persisted, stopped with the test. */
final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RedisServer start(Path logDir) throws IOException, InterruptedException {
    Path binary = RequiredBinary.find("redis-server", "redis-server");
    int port = FreePort.pick();
    Path log = Files.createTempFile(logDir, "redis-", ".log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RedisServer server = new RedisServer(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (Jedis jedis = new Jedis("127.0.0.1", port)) {
        if ("PONG".equals(jedis.ping())) {
          return server;
        }
      } catch (JedisConnectionException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          server.close();
          throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
        }
        Thread.sleep(20);
      }
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
