package dev.cluster.apps.apiproxy;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * GET responses in the service's Redis, shared by its replicas, each kept for its {@link
 * CacheLifetime}. A Redis that cannot be reached makes every request a miss rather than an error.
 */
final class ResponseCache {
  private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());

  private final UnifiedJedis redis;

  ResponseCache(UnifiedJedis redis) {
    this.redis = redis;
  }

  /**
   * The cache key of a request: the API, the path and query the client sent (never the key), and
   * every header forwarded to the upstream, as each may change its answer. One line each: a header
   * value holds no line break.
   */
  static String key(
      ProxiedApi api, String below, ClientQuery query, Map<String, String> forwardedHeaders) {
    StringBuilder key =
        new StringBuilder("api-proxy:cache:")
            .append(api.prefix())
            .append('\n')
            .append(below)
            .append('?')
            .append(query.text());
    forwardedHeaders.forEach(
        (name, value) ->
            key.append('\n').append(name.toLowerCase(Locale.ROOT)).append(": ").append(value));
    return key.toString();
  }

  Optional<UpstreamResponse> get(String key) {
    try {
      return Optional.ofNullable(redis.get(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .map(UpstreamResponse::decode);
    } catch (JedisException e) {
      LOG.warning(() -> "cache unavailable, asking the upstream: " + e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  void put(String key, UpstreamResponse response, Duration lifetime) {
    try {
      redis.setex(
          key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          lifetime.toSeconds(),
          response.encode());
    } catch (JedisException e) {
      LOG.warning(() -> "cache unavailable, response not kept: " + e.getClass().getSimpleName());
    }
  }
}
