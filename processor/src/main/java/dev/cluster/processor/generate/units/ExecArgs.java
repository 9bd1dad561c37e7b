package dev.cluster.processor.generate.units;

/**
 * Writes one argument of a systemd {@code Exec*=} line so that systemd hands the program exactly
 * that string: {@code %} and {@code $} doubled (systemd would expand specifiers and variables), and
 * an argument with spaces, quotes or backslashes double-quoted with C-style escapes. Arguments that
 * mean to use a specifier ({@code %i}) or a variable ({@code ${PRIVATE_IP}}) are written by the
 * caller as they are.
 */
public final class ExecArgs {
  private ExecArgs() {}

  public static String literal(String arg) {
    String escaped = arg.replace("%", "%%").replace("$", "$$");
    boolean plain =
        !escaped.isEmpty()
            && escaped
                .chars()
                .noneMatch(
                    c ->
                        Character.isWhitespace(c)
                            || c == '"'
                            || c == '\''
                            || c == '\\'
                            || c == ';');
    if (plain) {
      return escaped;
    }
    return '"' + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
