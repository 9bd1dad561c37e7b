package dev.cluster.processor.generate.services;

/** YAML scalars for the data engines' files. */
final class Yaml {
  private Yaml() {}

  /** A single-quoted YAML string: only {@code '} needs escaping (doubled). */
  static String string(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
