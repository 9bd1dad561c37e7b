package dev.cluster.processor.model;

import java.util.Locale;

/**
 * Conversions between Java class names and the names a cluster uses for services, units and
 * variables.
 */
public final class Names {
  private Names() {}

  /** {@code GerritDb -> gerrit-db}, {@code APIProxy -> api-proxy}. */
  public static String kebab(String simpleName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      boolean upper = Character.isUpperCase(c);
      boolean wordStart =
          upper
              && i > 0
              && (Character.isLowerCase(simpleName.charAt(i - 1))
                  || Character.isDigit(simpleName.charAt(i - 1))
                  || (i + 1 < simpleName.length()
                      && Character.isLowerCase(simpleName.charAt(i + 1))
                      && Character.isUpperCase(simpleName.charAt(i - 1))));
      if (wordStart) {
        out.append('-');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** {@code gerrit-db -> GERRIT_DB}. */
  public static String envName(String name) {
    return name.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** {@code gerrit-db -> GerritDb}: CloudFormation logical ids and Java identifiers. */
  public static String pascal(String name) {
    StringBuilder out = new StringBuilder();
    boolean up = true;
    for (char c : name.toCharArray()) {
      if (c == '-' || c == '_' || c == '.') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  /** {@code gerrit-db -> gerritDb}. */
  public static String camel(String name) {
    String pascal = pascal(name);
    return pascal.isEmpty()
        ? pascal
        : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
  }
}
