package dev.cluster.apps.authgateway;

import dev.cluster.apps.common.testing.RequiredBinary;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's) in the foreground with its own prefix folder, serving the given server
 * blocks the way the front door image does ({@code conf.d/*.conf} inside {@code http}).
 */
final class NginxServer implements AutoCloseable {
  private final Process process;
  private final Path prefix;

  private NginxServer(Process process, Path prefix) {
    this.process = process;
    this.prefix = prefix;
  }

  static NginxServer start(int port, List<String> serverBlocks)
      throws IOException, InterruptedException {
    Path nginx =
        Files.isExecutable(Path.of("/usr/sbin/nginx"))
            ? Path.of("/usr/sbin/nginx")
            : RequiredBinary.find("nginx", "nginx");
    Path prefix = Files.createTempDirectory("front-door");
    Files.createDirectories(prefix.resolve("conf.d"));
    Files.createDirectories(prefix.resolve("logs"));
    for (int i = 0; i < serverBlocks.size(); i++) {
      Files.writeString(prefix.resolve("conf.d/" + i + ".conf"), serverBlocks.get(i));
    }
    Files.writeString(
        prefix.resolve("nginx.conf"),
        """
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/logs/error.log info;
        events { worker_connections 64; }
        http {
          access_log %1$s/logs/access.log;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          include %1$s/conf.d/*.conf;
        }
        """
            .formatted(prefix));
    Process process =
        new ProcessBuilder(
                nginx.toString(),
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
            .start();
    NginxServer server = new NginxServer(process, prefix);
    server.awaitPort(port);
    return server;
  }

  String errorLog() throws IOException {
    return Files.readString(prefix.resolve("logs/error.log"))
        + Files.readString(prefix.resolve("logs/stdout.log"));
  }

  /**
   * Everything nginx logged about requests: its access log and its standard output (the image's
   * access log).
   */
  String accessLogs() throws IOException {
    return Files.readString(prefix.resolve("logs/access.log"))
        + Files.readString(prefix.resolve("logs/stdout.log"));
  }

  private void awaitPort(int port) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("nginx exited with " + process.exitValue() + ":\n" + errorLog());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("nginx did not listen on " + port + ":\n" + errorLog());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
