package dev.cluster.apps.guard;

import dev.cluster.apps.common.FrontDoorIdentity;
import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.FrontDoorTrust.Judgement;
import dev.cluster.apps.common.SignedInUser;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.eclipse.jetty.client.api.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.proxy.AsyncProxyServlet;

/**
 * Judges each request's identity headers with app-common's {@link FrontDoorTrust} and forwards to
 * the app only what the front door would have let through: a proven identity (passed on as the two
 * identity headers the app reads, the proof itself dropped), or a request naming nobody for an
 * {@link AnonymousPaths anonymous path}. Everything else is answered here, never by the app: 401
 * for an identity without this app's proof, for a proof used before and for a request naming nobody
 * elsewhere, 403 for a proven user outside the route's groups.
 *
 * <p>Why 401 rather than passing an anonymous request on: behind a route with {@code allow}, the
 * front door never forwards a request without a signed-in user (but to the open paths), so one that
 * reaches the guard without does not come through the front door. Gerrit would show it every
 * project its anonymous users may read, MediaWiki would let it read and edit pages: the apps'
 * anonymous access is meant for signed-in members, not for whoever reaches the port.
 *
 * <p>Bodies stream both ways (Jetty's asynchronous proxy: a git push or an upload is never held in
 * memory), the raw path and query reach the app as the client sent them ({@code %2F} in Gerrit's
 * project names), {@code Host} is kept, and the guard adds no {@code Via} or {@code X-Forwarded-*}:
 * those the front door set pass unchanged. Hop-by-hop headers ({@code Connection}, {@code
 * Upgrade}...) end here, as they do at the front door, so there is no WebSocket: none of the
 * guarded apps needs one through nginx, which does not pass {@code Upgrade} either.
 */
final class GuardServlet extends AsyncProxyServlet {
  private static final Logger LOG = Logger.getLogger(GuardServlet.class.getName());
  private static final String PROVEN_USER = GuardServlet.class.getName() + ".user";

  /**
   * The headers an app could read an identity from; any spelling of them is dropped before a
   * request goes on.
   */
  private static final List<String> IDENTITY_HEADERS =
      List.of(
          FrontDoorIdentity.USER_HEADER, FrontDoorIdentity.GROUPS_HEADER, FrontDoorProof.HEADER);

  private final FrontDoorTrust trust;
  private final AnonymousPaths anonymous;
  private final String backend;

  GuardServlet(FrontDoorTrust trust, AnonymousPaths anonymous, int backendPort) {
    this.trust = trust;
    this.anonymous = anonymous;
    this.backend = "http://127.0.0.1:" + backendPort;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Judgement judgement =
        trust.judge(
            request.getHeader(FrontDoorIdentity.USER_HEADER),
            request.getHeader(FrontDoorIdentity.GROUPS_HEADER),
            request.getHeader(FrontDoorProof.HEADER));
    switch (judgement.outcome()) {
      case PROVEN -> {
        request.setAttribute(PROVEN_USER, judgement.user().orElseThrow());
        super.service(request, response);
      }
      case NOBODY_NAMED -> {
        if (anonymous.admit(request.getMethod(), request.getRequestURI())) {
          super.service(request, response);
        } else {
          refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "sign in through the front door");
        }
      }
      case UNPROVEN -> {
        LOG.warning(
            () ->
                "refused an identity without the front door's proof from "
                    + request.getRemoteAddr()
                    + ": "
                    + request.getMethod()
                    + " "
                    + request.getRequestURI());
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, FrontDoorTrust.UNPROVEN_MESSAGE);
      }
      case OUTSIDE_GROUPS ->
          refuse(response, HttpServletResponse.SC_FORBIDDEN, trust.groupsMessage());
      case REPLAYED -> {
        LOG.warning(
            () ->
                "refused a replayed proof of the front door from "
                    + request.getRemoteAddr()
                    + ": "
                    + request.getMethod()
                    + " "
                    + request.getRequestURI());
        refuse(response, HttpServletResponse.SC_UNAUTHORIZED, FrontDoorTrust.REPLAYED_MESSAGE);
      }
      case TOO_MANY_PROOFS ->
          refuse(
              response,
              HttpServletResponse.SC_SERVICE_UNAVAILABLE,
              FrontDoorTrust.TOO_MANY_PROOFS_MESSAGE);
    }
  }

  @Override
  protected String rewriteTarget(HttpServletRequest request) {
    String query = request.getQueryString();
    return backend + request.getRequestURI() + (query == null ? "" : "?" + query);
  }

  @Override
  protected void copyRequestHeaders(HttpServletRequest request, Request proxyRequest) {
    super.copyRequestHeaders(request, proxyRequest);
    List<String> identity =
        proxyRequest.getHeaders().stream()
            .map(HttpField::getName)
            .filter(GuardServlet::isIdentityHeader)
            .distinct()
            .toList();
    SignedInUser proven = (SignedInUser) request.getAttribute(PROVEN_USER);
    proxyRequest.headers(
        headers -> {
          identity.forEach(headers::remove);
          if (proven != null) {
            headers.put(FrontDoorIdentity.USER_HEADER, proven.name());
            headers.put(FrontDoorIdentity.GROUPS_HEADER, String.join(",", proven.groups()));
          }
        });
  }

  @Override
  protected void addProxyHeaders(HttpServletRequest request, Request proxyRequest) {
    // Transparent: the front door's X-Forwarded-For and X-Forwarded-Proto (https) are what the app
    // must see.
  }

  /**
   * Also {@code x_auth_request_user} and the like, which PHP's CGI variables would read as the same
   * header.
   */
  private static boolean isIdentityHeader(String name) {
    String normalised = name.replace('_', '-').toLowerCase(Locale.ROOT);
    return IDENTITY_HEADERS.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(normalised));
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.getOutputStream().write((message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
