package dev.cluster.apps.apiproxy;

import java.util.regex.Pattern;

/**
 * A declared path below an API's prefix: {@code *} stands for one segment, {@code **} for any
 * number of segments (even none), everything else for itself.
 */
public record PathPattern(String pattern, Pattern regex) {
  public static PathPattern of(String pattern) {
    StringBuilder regex = new StringBuilder();
    String[] segments = pattern.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.equals("**")) {
        // "/**" also matches nothing at all, so "/items/**" covers "/items" itself.
        regex.append(i == 0 ? ".*" : "(/.*)?");
        continue;
      }
      if (i > 0) {
        regex.append('/');
      }
      regex.append(segment.equals("*") ? "[^/]+" : Pattern.quote(segment));
    }
    return new PathPattern(pattern, Pattern.compile(regex.toString()));
  }

  public boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
