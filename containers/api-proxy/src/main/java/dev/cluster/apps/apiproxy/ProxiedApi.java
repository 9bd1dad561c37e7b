package dev.cluster.apps.apiproxy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One upstream API as its {@code @ApiProxy} declares it, with the key read from the environment.
 */
public record ProxiedApi(
    String prefix,
    URI upstream,
    ApiKey key,
    KeyLocation keyIn,
    String keyName,
    Duration longestCache,
    Set<String> methods,
    List<PathPattern> paths,
    int ratePerMinute) {
  public ProxiedApi {
    methods = Set.copyOf(methods);
    paths = List.copyOf(paths);
  }

  /** Where the key goes in an upstream request. */
  public enum KeyLocation {
    HEADER,
    QUERY
  }

  /**
   * The path below the prefix, if {@code path} is under it: {@code /weather/a} gives {@code /a}.
   */
  public boolean covers(String path) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  public String below(String path) {
    return path.substring(prefix.length());
  }

  public boolean allowsPath(String below) {
    return paths.stream().anyMatch(p -> p.matches(below));
  }
}
