package dev.cluster.processor.generate.services;

import java.util.ArrayList;
import java.util.List;

/**
 * Text in git-config syntax (Gerrit's files): {@code [section]} headers and tab-indented {@code key
 * = value} lines, a value quoted when it holds what git-config would cut or unescape ({@code # ; "
 * \} or spaces at either end).
 */
final class GitConfigText {
  private final List<String> lines = new ArrayList<>();

  GitConfigText comment(String text) {
    text.lines().forEach(line -> lines.add("# " + line));
    return this;
  }

  GitConfigText section(String name) {
    lines.add("[" + name + "]");
    return this;
  }

  GitConfigText set(String key, String value) {
    lines.add("\t" + key + " = " + quoted(value));
    return this;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  static String quoted(String value) {
    if (value.contains("\n")) {
      throw new IllegalArgumentException("a git-config value cannot span lines: " + value);
    }
    boolean plain = !value.matches(".*[#;\"\\\\].*") && value.strip().equals(value);
    return plain ? value : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
