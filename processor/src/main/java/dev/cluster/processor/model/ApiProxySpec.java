package dev.cluster.processor.model;

import java.util.List;

/**
 * An {@code @ApiProxy}: requests under {@code prefix} go to {@code upstream} with the key of the
 * secret {@code keySecretId} added in {@code keyIn} ({@code header} or {@code query}) as {@code
 * keyName}.
 */
public record ApiProxySpec(
    String prefix,
    String upstream,
    String keySecretId,
    String keyIn,
    String keyName,
    int cacheSeconds,
    List<String> methods,
    List<String> paths,
    int ratePerMinute,
    Origin origin) {
  public ApiProxySpec {
    methods = List.copyOf(methods);
    paths = List.copyOf(paths);
  }
}
