package dev.cluster.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.cluster.processor.generate.template.UserDataLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Debian's real Ignition 2.14 (package {@code ignition}, see scripts/test-deps.sh) on the boot configuration a
 * template gives its machines: each launch template's user data (every Ref at its longest value) and the
 * config object it merges in pass {@code ignition-validate}, and apply to a throwaway root with the object
 * served over HTTP on 127.0.0.1 in place of S3, so that Ignition's own SHA-512 check runs on what it fetched.
 * Every path Ignition would share with another run (its config cache, state and neednet flag) is in the run's
 * own folder. Close it to stop the HTTP server.
 */
public final class RealIgnition implements AutoCloseable {
  public static final Path VALIDATE = Path.of("/usr/bin/ignition-validate");
  public static final Path IGNITION = Path.of("/usr/lib/dracut/modules.d/30ignition/ignition");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 300;

  private final HttpServer server;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final Path work;

  /** One launch template's boot: the user data as EC2 would hand it over, and the object it merges in. */
  public record Boot(String launchTemplate, String userData, String key, String sha512Hex) {}

  /** A run of Ignition's stages on a root: the first stage that failed (or 0) and every stage's log. */
  public record Applied(int exitCode, String log, Path root) {}

  public RealIgnition(Path work) {
    assertTrue(Files.isExecutable(VALIDATE) && Files.isExecutable(IGNITION),
        "Debian's ignition package is not installed (scripts/test-deps.sh installs it)");
    this.work = work;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
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

  /** Each launch template's boot in {@code template}, its user data with every Ref at its longest value. */
  public static List<Boot> boots(JsonNode template) {
    List<Boot> boots = new ArrayList<>();
    for (UserDataLimit.Measured userData : UserDataLimit.measure(template)) {
      JsonNode merge = read(userData.raw()).at("/ignition/config/merge/0");
      String source = merge.get("source").asText();
      assertTrue(source.startsWith("s3://"), userData.launchTemplate() + " merges " + source);
      String hash = merge.at("/verification/hash").asText();
      assertTrue(hash.startsWith("sha512-"), hash);
      boots.add(new Boot(userData.launchTemplate(), userData.raw(), source.substring(source.indexOf('/', 5) + 1),
          hash.substring("sha512-".length())));
    }
    return boots;
  }

  /**
   * Validates and applies every launch template's boot, each object as {@code objectAtKey} gives it; returns
   * each launch template's root.
   */
  public Map<String, Path> checkAll(JsonNode template, Function<String, byte[]> objectAtKey) {
    Map<String, Path> roots = new LinkedHashMap<>();
    for (Boot boot : boots(template)) {
      byte[] object = objectAtKey.apply(boot.key());
      validate(boot.launchTemplate() + "-user-data.json", boot.userData());
      validate(boot.launchTemplate() + "-object.ign", new String(object, StandardCharsets.UTF_8));
      Applied applied = apply(boot, object);
      assertEquals(0, applied.exitCode(), boot.launchTemplate() + ":\n" + applied.log());
      roots.put(boot.launchTemplate(), applied.root());
    }
    return roots;
  }

  public void validate(String name, String config) {
    Path file = write(work.resolve("validate").resolve(name), config);
    Run run = run(List.of(VALIDATE.toString(), file.toString()), Map.of());
    assertEquals(0, run.exitCode(), "ignition-validate " + name + ":\n" + run.output());
  }

  /** Serves {@code object} at the boot's key, points the user data's merge at it, and runs Ignition's stages. */
  public Applied apply(Boot boot, byte[] object) {
    objects.put(boot.key(), object.clone());
    ObjectNode userData = (ObjectNode) read(boot.userData());
    ((ObjectNode) userData.at("/ignition/config/merge/0"))
        .put("source", "http://127.0.0.1:" + server.getAddress().getPort() + "/" + boot.key());
    Path run = work.resolve("apply").resolve(boot.launchTemplate() + "-" + System.nanoTime());
    Path root = run.resolve("root");
    Path config = write(run.resolve("user-data.json"), userData.toString());
    // Ignition relabels for SELinux at the end: a root without a config, or a machine without setfiles, fails that step.
    write(root.resolve("etc/selinux/config"), "SELINUX=disabled\nSELINUXTYPE=targeted\n");
    Path setfiles = write(run.resolve("stub/setfiles"), "#!/bin/sh\nexit 0\n");
    setfiles.toFile().setExecutable(true);
    StringBuilder log = new StringBuilder();
    for (String stage : List.of("fetch-offline", "fetch", "files")) {
      Run result = run(List.of(IGNITION.toString(), "-platform", "file", "-stage", stage, "-root", root.toString(),
          "-log-to-stdout", "-config-cache", run.resolve("cache.json").toString(),
          "-neednet", run.resolve("neednet").toString(), "-state-file", run.resolve("state").toString()),
          Map.of("IGNITION_CONFIG_FILE", config.toString(),
              "PATH", setfiles.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
      log.append("== ").append(stage).append('\n').append(result.output());
      if (result.exitCode() != 0) {
        return new Applied(result.exitCode(), log.toString(), root);
      }
    }
    return new Applied(0, log.toString(), root);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private record Run(int exitCode, String output) {}

  private static Run run(List<String> command, Map<String, String> environment) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
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
