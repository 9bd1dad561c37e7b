package dev.cluster.contract.descriptor;

import java.util.Objects;

/**
 * A fleet unit file shipped on the classpath.
 *
 * @param name unit name; a template such as {@code gerrit@.service} or a plain {@code
 *     dns-updater.service}
 * @param resource classpath resource with the unit file's text
 * @param service the service this unit belongs to
 * @param instances for a template, how many instances ({@code name@1.service} ...) run; 0 for a
 *     plain unit
 */
public record UnitFile(String name, String resource, String service, int instances) {
  public UnitFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(service, "service");
    if (instances < 0) {
      throw new IllegalArgumentException("instances must be >= 0: " + instances);
    }
    if (isTemplateName(name) != (instances > 0)) {
      throw new IllegalArgumentException(
          "unit " + name + ": a template unit (name@.type) needs instances >= 1, a plain unit 0");
    }
  }

  public boolean template() {
    return instances > 0;
  }

  private static boolean isTemplateName(String name) {
    return name.contains("@.");
  }
}
