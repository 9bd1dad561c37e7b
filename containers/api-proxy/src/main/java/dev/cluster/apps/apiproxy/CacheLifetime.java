package dev.cluster.apps.apiproxy;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a GET response may be served from the shared cache: the declared time, or less if the
 * upstream says so. {@code no-store}, {@code private} and {@code no-cache} mean not at all (a
 * shared cache may not keep private answers, and this one does not revalidate); {@code s-maxage},
 * else {@code max-age}, caps the declared time: the smaller wins.
 */
public final class CacheLifetime {
  private CacheLifetime() {}

  public static Optional<Duration> of(Optional<String> cacheControl, Duration declared) {
    Duration lifetime = declared;
    Optional<Long> maxAge = Optional.empty();
    Optional<Long> sharedMaxAge = Optional.empty();
    for (String directive : cacheControl.orElse("").toLowerCase(Locale.ROOT).split(",")) {
      String d = directive.strip();
      if (d.equals("no-store")
          || d.equals("private")
          || d.startsWith("private=")
          || d.equals("no-cache")) {
        return Optional.empty();
      }
      if (d.startsWith("max-age=")) {
        maxAge = seconds(d.substring("max-age=".length()));
      } else if (d.startsWith("s-maxage=")) {
        sharedMaxAge = seconds(d.substring("s-maxage=".length()));
      }
    }
    Optional<Long> upstreamSays = sharedMaxAge.isPresent() ? sharedMaxAge : maxAge;
    if (upstreamSays.isPresent() && upstreamSays.get() < lifetime.toSeconds()) {
      lifetime = Duration.ofSeconds(upstreamSays.get());
    }
    return lifetime.isZero() || lifetime.isNegative() ? Optional.empty() : Optional.of(lifetime);
  }

  private static Optional<Long> seconds(String value) {
    try {
      return Optional.of(Long.parseLong(value.replace("\"", "").strip()));
    } catch (NumberFormatException e) {
      // An unreadable max-age is treated as 0: do not cache.
      return Optional.of(0L);
    }
  }
}
