package dev.cluster.apps.common;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one HTTP server setup of the team's apps: Javalin on Jetty, a {@code /healthz} the cluster's
 * presence unit and the image's HEALTHCHECK call, no response compression, and one access-log line
 * per request that names the path but never the query string (where a client may have put something
 * that must not be logged), nor the values of path parameters ({@link #loggedPath}). Before any
 * handler, a state-changing request from another site's page is refused ({@link CrossSiteRequests})
 * and identity headers are believed only with the front door's proof ({@link FrontDoorTrust}).
 */
public final class AppServer {
  public static final String HEALTH_PATH = "/healthz";

  /**
   * Jetty's debug output names every request's URI, query and all, with any token or code it holds.
   */
  private static final List<Logger> SERVER_DEBUG =
      PinnedLoggers.at(Level.INFO, "org.eclipse.jetty");

  private AppServer() {}

  /** A server that believes no identity: for apps outside the sign-in. */
  public static Javalin create(String appName, Consumer<JavalinConfig> configure) {
    return create(appName, FrontDoorTrust.NOBODY, configure);
  }

  public static Javalin create(
      String appName, FrontDoorTrust trust, Consumer<JavalinConfig> configure) {
    Logger log = Logger.getLogger(appName);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              // Bodies go out as they are: a download's Content-Length stays true, an upstream's
              // encoding untouched; the front door compresses for the browser where it is worth it.
              config.http.disableCompression();
              config.requestLogger.http(
                  (ctx, ms) ->
                      log.info(
                          () ->
                              ctx.method()
                                  + " "
                                  + loggedPath(ctx)
                                  + " "
                                  + ctx.status().getCode()
                                  + " "
                                  + Math.round(ms)
                                  + "ms"));
              configure.accept(config);
            });
    app.before(CrossSiteRequests::refuse);
    app.before(trust::check);
    app.get(HEALTH_PATH, ctx -> ctx.result("ok"));
    return app;
  }

  /**
   * The path as the access log names it: a path parameter may be a secret (a download token), so a
   * route with parameters is logged as declared ({@code /d/{token}}); a request no route took, only
   * by its first segment, as nobody knows what the rest holds.
   */
  static String loggedPath(Context ctx) {
    // Still BEFORE when no endpoint ran: a 404, or a HEAD that Javalin answers for a GET route
    // unasked.
    if (ctx.handlerType() == HandlerType.BEFORE || ctx.endpointHandlerPath().isEmpty()) {
      String path = ctx.path();
      int secondSlash = path.indexOf('/', 1);
      return secondSlash < 0 ? path : path.substring(0, secondSlash + 1) + "...";
    }
    return ctx.pathParamMap().isEmpty() ? ctx.path() : ctx.endpointHandlerPath();
  }
}
