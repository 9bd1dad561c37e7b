package dev.cluster.processor.validate.rules;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.validate.Rule;

/**
 * The API proxy counts each client's requests and caches GET responses in the proxy service's own
 * {@code @Redis}; it lets every request through when it cannot reach one. Without {@code @Redis},
 * an {@code @ApiProxy}'s {@code ratePerMinute} and {@code cacheSeconds} would silently do nothing.
 * Reported once per service, on its first {@code @ApiProxy}.
 */
public final class ApiProxyRedisRule implements Rule {
  @Override
  public String tag() {
    return "api-proxy-redis";
  }

  @Override
  public void check(ClusterModel model, Problems problems) {
    for (ServiceSpec service : model.services()) {
      if (!service.apiProxies().isEmpty() && !service.annotationOrigins().containsKey("Redis")) {
        problems.error(
            service.apiProxies().get(0).origin(),
            "",
            "@ApiProxy of service "
                + service.name()
                + " counts rate limits and caches responses in the service's own @Redis, but "
                + References.simpleName(service.id())
                + " has none, so ratePerMinute and cacheSeconds would do"
                + " nothing: add @Redis to it");
      }
    }
  }
}
