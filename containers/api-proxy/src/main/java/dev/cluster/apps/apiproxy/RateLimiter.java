package dev.cluster.apps.apiproxy;

import java.time.Clock;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Requests per client per minute, counted in Redis so that every replica counts together: one
 * counter per API, client and clock minute. A Redis that cannot be reached lets requests through
 * (the upstream's own limits still hold) rather than taking every API down.
 */
final class RateLimiter {
  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
  private static final long WINDOW_SECONDS = 60;

  private final UnifiedJedis redis;
  private final Clock clock;

  RateLimiter(UnifiedJedis redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** A client's request allowed, or refused until the next window in {@code retryAfterSeconds}. */
  record Decision(boolean allowed, long retryAfterSeconds) {}

  Decision admit(ProxiedApi api, String client) {
    long now = clock.instant().getEpochSecond();
    long window = now / WINDOW_SECONDS;
    String key = "api-proxy:rate:" + api.prefix() + "|" + client + "|" + window;
    try {
      long count = redis.incr(key);
      if (count == 1) {
        redis.expire(key, WINDOW_SECONDS + 1);
      }
      return count <= api.ratePerMinute()
          ? new Decision(true, 0)
          : new Decision(false, WINDOW_SECONDS - now % WINDOW_SECONDS);
    } catch (JedisException e) {
      LOG.warning(
          () -> "rate limit unavailable, request let through: " + e.getClass().getSimpleName());
      return new Decision(true, 0);
    }
  }
}
