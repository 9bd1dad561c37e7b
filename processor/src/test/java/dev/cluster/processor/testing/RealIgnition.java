package dev.cluster.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.processor.generate.template.UserDataLimit;
import dev.cluster.runtime.local.Ignition;
import dev.cluster.runtime.local.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Debian's real Ignition 2.14 (package {@code ignition}, see scripts/test-deps.sh) on the boot
 * configuration a template gives its machines: each launch template's user data (every Ref at its
 * longest value) and the config object it merges in pass {@code ignition-validate}, and apply to a
 * throwaway root with the object served over HTTP on 127.0.0.1 in place of S3 (the runtime's {@link
 * Ignition}, which {@code local up} boots its machines with), so that Ignition's own SHA-512 check
 * runs on what it fetched. Close it to stop the HTTP server.
 */
public final class RealIgnition implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Ignition ignition;

  /**
   * One launch template's boot: the user data as EC2 would hand it over, and the object it merges
   * in.
   */
  public record Boot(String launchTemplate, String userData, String key, String sha512Hex) {}

  /**
   * A run of Ignition's stages on a root: the first stage that failed (or 0) and every stage's log.
   */
  public record Applied(int exitCode, String log, Path root) {}

  public RealIgnition(Path work) {
    assertTrue(
        Ignition.installed(),
        "Debian's ignition package is not installed (scripts/test-deps.sh installs it)");
    this.ignition = new Ignition(work);
  }

  /**
   * Each launch template's boot in {@code template}, its user data with every Ref at its longest
   * value.
   */
  public static List<Boot> boots(JsonNode template) {
    List<Boot> boots = new ArrayList<>();
    for (UserDataLimit.Measured userData : UserDataLimit.measure(template)) {
      JsonNode merge = read(userData.raw()).at("/ignition/config/merge/0");
      String source = merge.get("source").asText();
      assertTrue(source.startsWith("s3://"), userData.launchTemplate() + " merges " + source);
      String hash = merge.at("/verification/hash").asText();
      assertTrue(hash.startsWith("sha512-"), hash);
      boots.add(
          new Boot(
              userData.launchTemplate(),
              userData.raw(),
              source.substring(source.indexOf('/', 5) + 1),
              hash.substring("sha512-".length())));
    }
    return boots;
  }

  /**
   * Validates and applies every launch template's boot, each object as {@code objectAtKey} gives
   * it; returns each launch template's root.
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
    ProcessRunner.Result run = ignition.validate(name, config);
    assertEquals(0, run.exitCode(), "ignition-validate " + name + ":\n" + run.all());
  }

  /**
   * Serves {@code object} at the boot's key, points the user data's merge at it, and runs
   * Ignition's stages.
   */
  public Applied apply(Boot boot, byte[] object) {
    Ignition.Applied applied =
        ignition.apply(boot.launchTemplate(), boot.userData(), boot.key(), object);
    return new Applied(applied.exitCode(), applied.log(), applied.root());
  }

  @Override
  public void close() {
    ignition.close();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
