package dev.cluster.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debian's real Ignition 2.14 (package {@code ignition}) applying a machine's boot as EC2 hands it
 * over: the user data, whose {@code ignition.config.merge} names the node group's config object in
 * S3 with its SHA-512. The object is served over HTTP on 127.0.0.1 in S3's place (the merge's
 * source is pointed there; Ignition still checks the hash of what it fetched). Every path Ignition
 * would share with another run (its config cache, state and neednet flag) is in the run's own
 * folder. Used by {@code local up} and by the processor's boot-config tests. Close it to stop the
 * HTTP server.
 */
public final class Ignition implements AutoCloseable {
  public static final Path VALIDATE = Path.of("/usr/bin/ignition-validate");
  public static final Path IGNITION = Path.of("/usr/lib/dracut/modules.d/30ignition/ignition");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofMinutes(5);

  private final HttpServer server;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Path work;

  /**
   * A run of Ignition's stages on a root: the first stage that failed (or 0) and every stage's log.
   */
  public record Applied(int exitCode, String log, Path root) {}

  public Ignition(Path work) {
    if (!installed()) {
      throw new IllegalStateException(
          "Debian's ignition package is not installed ("
              + IGNITION
              + "; apt-get install ignition,"
              + " or scripts/test-deps.sh)");
    }
    this.work = work;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            byte[] object = objects.get(exchange.getRequestURI().getPath().substring(1));
            if (object == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              exchange.sendResponseHeaders(200, object.length);
              exchange.getResponseBody().write(object);
            }
          }
        });
    server.start();
  }

  public static boolean installed() {
    return Files.isExecutable(VALIDATE) && Files.isExecutable(IGNITION);
  }

  /** {@code ignition-validate} on {@code config}, saved as {@code name} in the work folder. */
  public ProcessRunner.Result validate(String name, String config) {
    Path file = write(work.resolve("validate").resolve(name), config);
    return ProcessRunner.run(List.of(VALIDATE.toString(), file.toString()), BOUND);
  }

  /**
   * Serves {@code object} at {@code key}, points the user data's first merge at it, and runs
   * Ignition's stages on a new root named after {@code name}.
   */
  public Applied apply(String name, String userData, String key, byte[] object) {
    objects.put(key, object.clone());
    ObjectNode config = (ObjectNode) read(userData);
    ((ObjectNode) config.at("/ignition/config/merge/0"))
        .put("source", "http://127.0.0.1:" + server.getAddress().getPort() + "/" + key);
    Path run = work.resolve("apply").resolve(name + "-" + System.nanoTime());
    Path root = run.resolve("root");
    Path configFile = write(run.resolve("user-data.json"), config.toString());
    // Ignition relabels for SELinux at the end: a root without a config, or a machine without
    // setfiles, fails that step.
    write(root.resolve("etc/selinux/config"), "SELINUX=disabled\nSELINUXTYPE=targeted\n");
    Path setfiles = write(run.resolve("stub/setfiles"), "#!/bin/sh\nexit 0\n");
    setfiles.toFile().setExecutable(true);
    StringBuilder log = new StringBuilder();
    for (String stage : List.of("fetch-offline", "fetch", "files")) {
      ProcessRunner.Result result =
          ProcessRunner.run(
              List.of(
                  IGNITION.toString(),
                  "-platform",
                  "file",
                  "-stage",
                  stage,
                  "-root",
                  root.toString(),
                  "-log-to-stdout",
                  "-config-cache",
                  run.resolve("cache.json").toString(),
                  "-neednet",
                  run.resolve("neednet").toString(),
                  "-state-file",
                  run.resolve("state").toString()),
              Map.of(
                  "IGNITION_CONFIG_FILE",
                  configFile.toString(),
                  "PATH",
                  setfiles.getParent()
                      + ":"
                      + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
              BOUND);
      log.append("== ").append(stage).append('\n').append(result.all());
      if (!result.ok()) {
        return new Applied(result.exitCode(), log.toString(), root);
      }
    }
    return new Applied(0, log.toString(), root);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
