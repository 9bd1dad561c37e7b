package dev.cluster.apps.common;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a state-changing request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that
 * a browser sent from another site's page: its {@code Origin} (or, without one, its {@code
 * Referer}) must name the host the request is for. The session cookie is {@code SameSite=Lax} on
 * the whole domain, which lets a page of any sibling {@code <x>.<domain>} post with it; this check
 * does not. A request with neither header is not a browser's cross-site request (browsers send
 * {@code Origin} on every cross-origin {@code POST}) and passes.
 */
final class CrossSiteRequests {
  private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private CrossSiteRequests() {}

  static void refuse(Context ctx) {
    if (!STATE_CHANGING.contains(ctx.method().name())) {
      return;
    }
    String origin = ctx.header("Origin");
    String source = origin != null ? origin : ctx.header("Referer");
    if (source == null) {
      return;
    }
    String host = Optional.ofNullable(ctx.header("Host")).orElse("").toLowerCase(Locale.ROOT);
    if (host.isEmpty() || !authority(source).equals(Optional.of(host))) {
      throw new ForbiddenResponse("refused a " + ctx.method() + " sent from another site's page");
    }
  }

  /**
   * {@code host[:port]} of a URL, lower case; empty for {@code null} (an opaque origin) or anything
   * else unparseable.
   */
  private static Optional<String> authority(String url) {
    try {
      URI uri = new URI(url.strip());
      boolean web =
          "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      return web && uri.getRawAuthority() != null && uri.getRawUserInfo() == null
          ? Optional.of(uri.getRawAuthority().toLowerCase(Locale.ROOT))
          : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
