package dev.cluster.apps.apiproxy;

import dev.cluster.apps.common.AppServer;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.Settings;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import redis.clients.jedis.JedisPooled;

/**
 * The API proxy: the team calls {@code <proxy>/<prefix>/...} and never sees the keys of the APIs we
 * pay for. Reads its APIs from {@code API_PROXY_CONFIG} (the generated {@code api-proxy.json},
 * default {@code /etc/api-proxy/api-proxy.json}), the keys from the environment, and its Redis from
 * {@code REDIS_HOST}/{@code REDIS_PORT} (the ambassador {@code @Redis} gives it).
 */
public final class ApiProxyApp implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ApiProxyApp.class.getName());

  /** Every method is routed here, so that an undeclared one is answered 405 rather than 404. */
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.HEAD,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.OPTIONS);

  private final JedisPooled redis;
  private final Javalin server;

  public ApiProxyApp(
      ProxyConfig config,
      int port,
      String redisHost,
      int redisPort,
      Clock clock,
      FrontDoorTrust frontDoor) {
    this.redis = new JedisPooled(redisHost, redisPort);
    ProxyHandler proxy =
        new ProxyHandler(
            config, new RateLimiter(redis, clock), new ResponseCache(redis), new Upstream());
    this.server = AppServer.create("api-proxy", frontDoor, c -> {});
    if (frontDoor.expectsSignIn()) {
      // Behind the sign-in: only the front door's users spend the keys, not whoever reaches this
      // port.
      server.before(
          "/*",
          ctx -> {
            if (!ctx.path().equals(AppServer.HEALTH_PATH)) {
              FrontDoorIdentity.required(ctx);
            }
          });
    }
    // In place of the default, which logs the exception's message: any failure here may have the
    // upstream
    // URL, key and all, in its message. The type alone is logged; the client gets a plain 500.
    server.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.warning(() -> ctx.method() + " " + ctx.path() + " failed: " + e.getClass().getName());
          ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).result("the proxy failed\n");
        });
    METHODS.forEach(method -> server.addHttpHandler(method, "/*", proxy));
    server.start("0.0.0.0", port);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
    redis.close();
  }

  public static void main(String[] args) throws IOException {
    Settings env = Settings.fromEnvironment();
    ProxyConfig config =
        ProxyConfig.read(
            Path.of(env.string("API_PROXY_CONFIG", "/etc/api-proxy/api-proxy.json")), env);
    ApiProxyApp app =
        new ApiProxyApp(
            config,
            (int) env.number("PORT", 8080),
            env.string("REDIS_HOST", "127.0.0.1"),
            (int) env.number("REDIS_PORT", 6379),
            Clock.systemUTC(),
            FrontDoorTrust.from(env));
    Runtime.getRuntime().addShutdownHook(new Thread(app::close));
    LOG.info(
        () ->
            "api proxy "
                + config.service()
                + " on port "
                + app.port()
                + " for "
                + config.apis().stream().map(ProxiedApi::prefix).toList());
  }
}
