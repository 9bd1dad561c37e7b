package dev.cluster.apps.authgateway;

import dev.cluster.apps.common.AppServer;
import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.Settings;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The front door's sign-in. nginx asks {@code GET /auth?groups=a,b} before every request to a
 * signed-in route: 401 without a valid session (nginx then sends the browser to {@code
 * /login?rd=<url>}), 403 when the user is in none of the groups, else 200 with {@code
 * X-Auth-Request-User} and {@code X-Auth-Request-Groups} and the {@link FrontDoorProof} of both for
 * the app nginx names in {@link #AUDIENCE_HEADER}, which nginx forwards to that app; a session is
 * believed for at most {@code SESSION_RECHECK_SECONDS} before the provider is asked again (see
 * {@link SessionRecheck}). {@code /login} starts the sign-in at the identity provider, {@code
 * /callback} completes it and sets the session cookie on the whole domain, {@code POST /logout}
 * (from the gateway's own page: {@code GET /logout} only shows the button) revokes the session here
 * and ends it at the provider; {@code POST /backchannel-logout} takes the provider's word (a logout
 * token signed with its keys) that a session ended there, whoever ended it.
 */
public final class AuthGatewayApp {
  private static final Logger LOG = Logger.getLogger(AuthGatewayApp.class.getName());
  static final String SIGN_IN_COOKIE = "front_door_sign_in";

  /**
   * The host name of the app a request is for, which nginx's {@code auth_request} names: the
   * proof's audience.
   */
  public static final String AUDIENCE_HEADER = "X-Front-Door-Audience";

  private final GatewaySettings settings;
  private final IdentityProviderClient provider;
  private final SessionStore sessions;
  private final SessionRecheck recheck;
  private final PendingSignIns pending;
  private final SessionCookie cookie = new SessionCookie();
  private final Clock clock;

  public AuthGatewayApp(GatewaySettings settings, IdentityProviderClient provider, Clock clock) {
    this.settings = settings;
    this.provider = provider;
    this.clock = clock;
    this.sessions = new SessionStore(clock);
    this.recheck = new SessionRecheck(sessions, provider, clock, settings.recheck());
    this.pending = new PendingSignIns(clock);
  }

  public static void main(String[] args) throws IOException {
    GatewaySettings settings = GatewaySettings.from(Settings.fromEnvironment());
    IdentityProviderClient provider =
        new IdentityProviderClient(IdentityProviderClient.discover(settings.issuer()), settings);
    new AuthGatewayApp(settings, provider, Clock.systemUTC()).create().start(settings.port());
  }

  public Javalin create() {
    Javalin app = AppServer.create("auth-gateway", config -> {});
    app.get("/auth", this::authorize);
    app.get("/login", this::login);
    app.get("/callback", this::callback);
    app.get("/logout", this::logoutPage);
    app.post("/logout", this::logout);
    app.post("/backchannel-logout", this::backchannelLogout);
    app.get(
        "/logged-out",
        ctx -> ctx.contentType("text/plain").result("You are signed out of every service.\n"));
    return app;
  }

  private void authorize(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Optional<Session> session;
    try {
      Optional<String> id = currentSessionId(ctx);
      session = id.isEmpty() ? Optional.empty() : recheck.current(id.get());
    } catch (IOException e) {
      // Not confirmed in time: refused (nginx answers 500) but kept, so the next request asks
      // again.
      LOG.warning("cannot check a session with the identity provider: " + e.getMessage());
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
      return;
    }
    if (session.isEmpty()) {
      ctx.status(HttpStatus.UNAUTHORIZED);
      return;
    }
    List<String> allowed =
        Optional.ofNullable(ctx.queryParam("groups")).stream()
            .flatMap(g -> Arrays.stream(g.split(",")))
            .map(String::strip)
            .filter(g -> !g.isEmpty())
            .toList();
    if (!session.get().mayUse(allowed)) {
      ctx.status(HttpStatus.FORBIDDEN);
      return;
    }
    String user = session.get().user();
    String groups = String.join(",", session.get().groups());
    ctx.header(FrontDoorIdentity.USER_HEADER, user);
    ctx.header(FrontDoorIdentity.GROUPS_HEADER, groups);
    audience(ctx)
        .ifPresent(
            audience ->
                ctx.header(
                    FrontDoorProof.HEADER,
                    settings
                        .proof()
                        .sign(
                            audience,
                            user,
                            groups,
                            clock.instant().plus(FrontDoorProof.LIFETIME))));
    ctx.status(HttpStatus.OK);
  }

  private void login(Context ctx) {
    URI returnTo = returnTo(ctx.queryString()).orElse(settings.publicBase());
    PendingSignIn signIn = IdentityProviderClient.start(returnTo, pending.expiryFromNow());
    pending.add(signIn);
    setCookie(
        ctx,
        SIGN_IN_COOKIE,
        signIn.state().getValue(),
        "/callback",
        null,
        PendingSignIns.LIFETIME.toSeconds());
    ctx.header("Cache-Control", "no-store");
    ctx.redirect(provider.authorizationUri(signIn).toString(), HttpStatus.FOUND);
  }

  private void callback(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String state = ctx.queryParam("state");
    String code = ctx.queryParam("code");
    String browserState = ctx.cookie(SIGN_IN_COOKIE);
    setCookie(ctx, SIGN_IN_COOKIE, "", "/callback", null, 0);
    if (ctx.queryParam("error") != null) {
      ctx.status(HttpStatus.UNAUTHORIZED).result("sign-in refused: " + ctx.queryParam("error"));
      return;
    }
    // The state must be the one this browser started with: a callback from someone else's sign-in
    // is refused.
    if (state == null || code == null || !state.equals(browserState)) {
      ctx.status(HttpStatus.BAD_REQUEST)
          .result("this sign-in did not start in this browser; start again");
      return;
    }
    Optional<PendingSignIn> signIn = pending.take(state);
    if (signIn.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST)
          .result("this sign-in expired or was used already; start again");
      return;
    }
    try {
      IdentityProviderClient.SignedIn user = provider.exchange(code, signIn.get());
      Instant expires = clock.instant().plus(settings.sessionLifetime());
      String id =
          sessions.create(
              new Session(
                  user.user(),
                  user.groups(),
                  user.idToken(),
                  user.subject(),
                  user.providerSession(),
                  user.refreshToken(),
                  clock.instant(),
                  expires));
      setCookie(
          ctx,
          SessionCookie.NAME,
          cookie.sign(id),
          "/",
          settings.cookieDomain(),
          settings.sessionLifetime().toSeconds());
      LOG.info(() -> "signed in: " + user.user());
      ctx.redirect(signIn.get().returnTo().toString(), HttpStatus.FOUND);
    } catch (IdentityProviderClient.SignInFailed e) {
      LOG.warning("sign-in failed: " + e.getMessage());
      ctx.status(HttpStatus.UNAUTHORIZED).result("sign-in failed; start again");
    }
  }

  /**
   * A host of the cluster's domain, the only apps the gateway vouches for; without one, no proof.
   */
  private Optional<String> audience(Context ctx) {
    return Optional.ofNullable(ctx.header(AUDIENCE_HEADER))
        .map(a -> a.strip().toLowerCase(java.util.Locale.ROOT))
        .filter(a -> a.endsWith("." + settings.cookieDomain()) && a.matches("[a-z0-9.-]+"));
  }

  /**
   * Signing out changes state, so it is a {@code POST}, and only from this page (the cross-site
   * check refuses it from any other): a link or an image elsewhere cannot sign anyone out.
   */
  private void logoutPage(Context ctx) {
    ctx.header("Cache-Control", "no-store")
        .contentType("text/html; charset=utf-8")
        .result(
            """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Sign out</title></head>
        <body><form method="post" action="/logout"><button type="submit">Sign out of every service</button></form></body>
        </html>
        """);
  }

  private void logout(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Optional<Session> ended = currentSessionId(ctx).flatMap(sessions::revoke);
    setCookie(ctx, SessionCookie.NAME, "", "/", settings.cookieDomain(), 0);
    URI afterLogout = settings.publicBase().resolve("/logged-out");
    ctx.redirect(
        ended.map(s -> provider.logoutUri(s.idToken(), afterLogout)).orElse(afterLogout).toString(),
        HttpStatus.FOUND);
  }

  /**
   * Keycloak ends a session (admin, user removed, logout elsewhere): the gateway's sessions of it
   * end too.
   */
  private void backchannelLogout(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    String token = ctx.formParam("logout_token");
    if (token == null) {
      ctx.status(HttpStatus.BAD_REQUEST);
      return;
    }
    try {
      IdentityProviderClient.LoggedOut out = provider.loggedOut(token);
      int ended = sessions.revokeAtProvider(out.subject(), out.providerSession());
      LOG.info(() -> "backchannel logout ended " + ended + " sessions");
      ctx.status(HttpStatus.OK);
    } catch (IdentityProviderClient.SignInFailed e) {
      LOG.warning("backchannel logout refused: " + e.getMessage());
      ctx.status(HttpStatus.BAD_REQUEST);
    }
  }

  private Optional<String> currentSessionId(Context ctx) {
    return cookie.verify(ctx.cookie(SessionCookie.NAME));
  }

  /**
   * nginx appends the original URL unencoded ({@code rd=$scheme://$http_host$request_uri}): all
   * after {@code rd=}.
   */
  private Optional<URI> returnTo(String query) {
    if (query == null || !query.startsWith("rd=")) {
      return Optional.empty();
    }
    String raw = query.substring(3);
    return ReturnTo.parse(raw, settings.cookieDomain())
        .or(
            () ->
                ReturnTo.parse(
                    URLDecoder.decode(raw, StandardCharsets.UTF_8), settings.cookieDomain()));
  }

  private void setCookie(
      Context ctx, String name, String value, String path, String domain, long maxAgeSeconds) {
    StringBuilder header =
        new StringBuilder(name)
            .append('=')
            .append(value)
            .append("; Path=")
            .append(path)
            .append("; Max-Age=")
            .append(maxAgeSeconds)
            .append("; HttpOnly; SameSite=Lax");
    if (domain != null) {
      header.append("; Domain=").append(domain);
    }
    if (settings.secureCookie()) {
      header.append("; Secure");
    }
    ctx.res().addHeader("Set-Cookie", header.toString());
  }
}
