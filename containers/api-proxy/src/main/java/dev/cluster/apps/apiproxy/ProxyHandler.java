package dev.cluster.apps.apiproxy;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every request below an API's prefix: 400 for a path or query that is no safe URL ({@link
 * RequestPath}, {@link ClientQuery}), 404 for an undeclared API or path, 405 for an undeclared
 * method, 429 over the client's rate; then a GET from the cache, else the upstream with the key
 * added.
 */
final class ProxyHandler implements Handler {
  private static final Logger LOG = Logger.getLogger(ProxyHandler.class.getName());
  static final String CACHE_STATUS_HEADER = "X-Cache";

  private final ProxyConfig config;
  private final RateLimiter rateLimiter;
  private final ResponseCache cache;
  private final Upstream upstream;

  ProxyHandler(
      ProxyConfig config, RateLimiter rateLimiter, ResponseCache cache, Upstream upstream) {
    this.config = config;
    this.rateLimiter = rateLimiter;
    this.cache = cache;
    this.upstream = upstream;
  }

  @Override
  public void handle(Context ctx) throws Exception {
    String path = RequestPath.decode(ctx.path());
    ProxiedApi api =
        config.apis().stream()
            .filter(a -> a.covers(path))
            .findFirst()
            .orElseThrow(NotFoundResponse::new);
    String below = api.below(path).isEmpty() ? "/" : api.below(path);
    String method = ctx.method().name();
    if (!api.methods().contains(method)) {
      ctx.header("Allow", String.join(", ", api.methods().stream().sorted().toList()));
      throw new MethodNotAllowedResponse();
    }
    if (!api.allowsPath(below)) {
      throw new NotFoundResponse();
    }
    ClientQuery query = ClientQuery.parse(ctx.queryString());
    RateLimiter.Decision decision = rateLimiter.admit(api, ClientIdentity.of(ctx));
    if (!decision.allowed()) {
      ctx.header("Retry-After", Long.toString(decision.retryAfterSeconds()));
      ctx.status(HttpStatus.TOO_MANY_REQUESTS)
          .result("more than " + api.ratePerMinute() + " requests a minute\n");
      return;
    }
    boolean cacheable = method.equals("GET");
    Map<String, String> forwarded = forwardedHeaders(ctx);
    String cacheKey = ResponseCache.key(api, below, query, forwarded);
    if (cacheable) {
      Optional<UpstreamResponse> hit = cache.get(cacheKey);
      if (hit.isPresent()) {
        respond(ctx, hit.get(), "HIT");
        return;
      }
    }
    UpstreamResponse response;
    try {
      response =
          upstream.send(api, new Upstream.Call(method, below, query, forwarded, ctx.bodyAsBytes()));
    } catch (IOException e) {
      // Only the exception's type: its message may carry the upstream URL, key and all.
      LOG.warning(() -> "upstream of " + api.prefix() + " failed: " + e.getClass().getName());
      ctx.status(HttpStatus.BAD_GATEWAY).result("the upstream API did not answer\n");
      return;
    }
    if (cacheable && response.status() == 200) {
      CacheLifetime.of(response.header("Cache-Control"), api.longestCache())
          .ifPresent(lifetime -> cache.put(cacheKey, response, lifetime));
    }
    respond(ctx, response, "MISS");
  }

  private static Map<String, String> forwardedHeaders(Context ctx) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : Upstream.FORWARDED_REQUEST_HEADERS) {
      Optional.ofNullable(ctx.header(name)).ifPresent(value -> headers.put(name, value));
    }
    return headers;
  }

  private static void respond(Context ctx, UpstreamResponse response, String cacheStatus) {
    ctx.status(response.status());
    response.headers().forEach(h -> ctx.res().addHeader(h.getKey(), h.getValue()));
    ctx.header(CACHE_STATUS_HEADER, cacheStatus);
    ctx.result(response.body());
  }
}
