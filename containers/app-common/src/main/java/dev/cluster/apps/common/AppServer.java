package dev.cluster.apps.common;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The one HTTP server setup of the team's apps: Javalin on Jetty, a {@code /healthz} the cluster's
 * presence unit and the image's HEALTHCHECK call, no response compression, and one access-log line per
 * request that names the path but never the query string (where a client may have put something that
 * must not be logged). Before any handler, a state-changing request from another site's page is refused
 * ({@link CrossSiteRequests}) and identity headers are believed only with the front door's proof ({@link
 * FrontDoorTrust}).
 */
public final class AppServer {
  public static final String HEALTH_PATH = "/healthz";

  private AppServer() {}

  /** A server that believes no identity: for apps outside the sign-in. */
  public static Javalin create(String appName, Consumer<JavalinConfig> configure) {
    return create(appName, FrontDoorTrust.NOBODY, configure);
  }

  public static Javalin create(String appName, FrontDoorTrust trust, Consumer<JavalinConfig> configure) {
    Logger log = Logger.getLogger(appName);
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      // Bodies go out as they are: a download's Content-Length stays true, an upstream's encoding untouched;
      // the front door compresses for the browser where it is worth it.
      config.http.disableCompression();
      config.requestLogger.http((ctx, ms) ->
          log.info(() -> ctx.method() + " " + ctx.path() + " " + ctx.status().getCode() + " " + Math.round(ms) + "ms"));
      configure.accept(config);
    });
    app.before(CrossSiteRequests::refuse);
    app.before(trust::check);
    app.get(HEALTH_PATH, ctx -> ctx.result("ok"));
    return app;
  }
}
