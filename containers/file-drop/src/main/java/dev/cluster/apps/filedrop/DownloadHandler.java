package dev.cluster.apps.filedrop;

import io.javalin.http.Context;
import io.javalin.http.GoneResponse;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code GET /d/<token>}: works for anyone holding the link, without an account, until it expires
 * or is used up; then 410, its content already deleted. A token nobody issued is a 404.
 */
final class DownloadHandler implements Handler {
  static final String PATH_PREFIX = "/d/";

  private final DropStore store;
  private final Clock clock;

  DownloadHandler(DropStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public void handle(Context ctx) throws Exception {
    DropToken token = DropToken.parse(ctx.pathParam("token")).orElseThrow(NotFoundResponse::new);
    DropStore.Claim claim = store.claim(token, clock.instant());
    if (claim instanceof DropStore.Claim.Ready ready) {
      ctx.header(
          "Content-Disposition",
          "attachment; filename*=UTF-8''" + rfc5987(ready.drop().fileName()));
      ctx.header("Content-Length", Long.toString(ready.drop().size()));
      ctx.header("Cache-Control", "no-store");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.contentType("application/octet-stream");
      ctx.result(ready.content());
    } else if (claim instanceof DropStore.Claim.Gone) {
      throw new GoneResponse("this link has expired and its file is deleted");
    } else {
      throw new NotFoundResponse();
    }
  }

  private static String rfc5987(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
