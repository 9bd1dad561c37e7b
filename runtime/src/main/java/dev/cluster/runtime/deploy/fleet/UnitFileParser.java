package dev.cluster.runtime.deploy.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a systemd unit file into fleet's option list: {@code [Section]} headers, {@code Name=Value}
 * lines in file order (names may repeat), comments ({@code #}, {@code ;}) and blank lines skipped,
 * a trailing backslash continuing the value on the next line.
 */
public final class UnitFileParser {
  private UnitFileParser() {}

  public static List<UnitOption> parse(String unitName, String text) {
    List<UnitOption> options = new ArrayList<>();
    String section = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int lineNumber = i + 1;
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3) {
          throw new IllegalArgumentException(
              unitName + ":" + lineNumber + ": bad section header " + line);
        }
        section = line.substring(1, line.length() - 1);
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException(
            unitName + ":" + lineNumber + ": expected Name=Value, got " + line);
      }
      if (section == null) {
        throw new IllegalArgumentException(
            unitName + ":" + lineNumber + ": option outside of a [Section]");
      }
      StringBuilder value = new StringBuilder(line.substring(equals + 1).strip());
      while (value.length() > 0
          && value.charAt(value.length() - 1) == '\\'
          && i + 1 < lines.length) {
        String head = value.substring(0, value.length() - 1).stripTrailing();
        value.setLength(0);
        value.append(head).append(' ').append(lines[++i].strip());
      }
      options.add(
          new UnitOption(section, line.substring(0, equals).strip(), value.toString().strip()));
    }
    return List.copyOf(options);
  }
}
