package dev.cluster.processor.generate.config.frontdoor;

import dev.cluster.processor.generate.config.realm.PublicUrls;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.OidcClientSpec;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The nginx server blocks of the front door, one per {@link dev.cluster.annotations.Route}d service
 * at {@code <subdomain>.<domain>}. A route behind the sign-in asks the auth gateway first ({@code
 * auth_request} to {@code /auth?groups=<allowed groups>}): 401 sends the browser to the gateway's
 * {@code /login}, 403 is passed on, 2xx forwards the request with {@code
 * X-Auth-Request-User}/{@code -Groups} taken from the gateway's answer; {@code proxy_set_header}
 * replaces any copy the client sent, so a client cannot pose as anyone. With them goes the
 * gateway's {@link #PROOF_HEADER} for the route's host ({@link #AUDIENCE_HEADER} on the {@code
 * auth_request}), without which the apps believe no identity. The identity provider's and the
 * gateway's own routes are open: that is where the sign-in happens; so are a route's {@code
 * openPaths} for {@code GET} and {@code HEAD} (with empty identity headers). The identity
 * provider's administration is not: its console, its master realm and every admin path but the
 * realm's own admin REST API (which the realm's service accounts call with their tokens) answer
 * 404. A route that cannot be checked (no gateway, or no way to reach it) answers 503: it fails
 * closed.
 *
 * <p>No backend sees what a client says about who or where it is: {@code X-Forwarded-For} is the
 * client's address as nginx saw it, {@code Forwarded}, {@code Remote-User}, the other {@code
 * X-Auth-Request-*} headers and {@code Proxy-Authorization} are emptied (nginx then drops them),
 * and so is {@code Authorization} except where a route needs it ({@link ClientHeaders}); the front
 * door's own session cookie reaches the gateway only. Access logs name an open path's prefix, never
 * what follows it (a file drop's download token).
 */
public final class FrontDoorConfig {
  public static final String USER_HEADER = "X-Auth-Request-User";
  public static final String GROUPS_HEADER = "X-Auth-Request-Groups";

  /**
   * The gateway's proof of the identity headers for the app they go to (app-common's {@code
   * FrontDoorProof}).
   */
  public static final String PROOF_HEADER = "X-Front-Door-Proof";

  /**
   * The route's host name, which nginx names to the gateway on {@code auth_request}: the proof's
   * audience.
   */
  public static final String AUDIENCE_HEADER = "X-Front-Door-Audience";

  /**
   * The gateway's session cookie (auth-gateway's {@code SessionCookie.NAME}), for no backend but
   * the gateway.
   */
  public static final String SESSION_COOKIE = "front_door_session";

  /** Where the front door image logs requests: its standard output. */
  public static final String ACCESS_LOG = "/dev/stdout";

  /**
   * Headers a client may send that say who or where it is; nginx sends each backend none of them.
   */
  private static final List<String> CLIENT_CLAIMS =
      List.of(
          "Forwarded",
          "Remote-User",
          "Proxy-Authorization",
          "X-Auth-Request-Email",
          "X-Auth-Request-Preferred-Username",
          "X-Auth-Request-Access-Token",
          AUDIENCE_HEADER);

  /** What a route's backend may receive of the client's own credentials. */
  private enum ClientHeaders {
    /** Neither its {@code Authorization} nor the front door's session cookie. */
    NONE,
    /**
     * Its {@code Authorization}: OIDC client authentication and admin API tokens at the identity
     * provider, sshd's token.
     */
    AUTHORIZATION,
    /** The front door's session cookie: the gateway's own. */
    SESSION_COOKIE
  }

  /** What {@code @ReadsAccounts(authorizedKeysToken)} serves to the machines without a sign-in. */
  public static final String AUTHORIZED_KEYS_PATH = "/authorized-keys/";

  private final ClusterModel model;
  private final Listen listen;
  private final PublicUrls urls;
  private final Upstreams upstreams;

  public FrontDoorConfig(ClusterModel model, Listen listen, PublicUrls urls, Upstreams upstreams) {
    this.model = model;
    this.listen = listen;
    this.urls = urls;
    this.upstreams = upstreams;
  }

  /** The catch-all server: an unknown host name gets 404; with TLS, plain HTTP is sent to HTTPS. */
  public String defaultServer() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Every backend gets the client's cookies without the front door's session (the gateway's excepted).");
    lines.add("map $http_cookie $front_door_backend_cookies {");
    lines.add("  default $http_cookie;");
    // Sent twice (one copy would survive one removal): the backend gets no cookie at all.
    lines.add("  \"~(^|;)\\s*" + SESSION_COOKIE + "=.*;\\s*" + SESSION_COOKIE + "=\" \"\";");
    lines.add(
        "  \"~^(?<front_door_before>(.*;)?)\\s*"
            + SESSION_COOKIE
            + "=[^;]*;?(?<front_door_after>.*)$\""
            + " \"$front_door_before$front_door_after\";");
    lines.add("}");
    lines.add(
        "# Access logs name an open path's prefix, never what follows it (a download link's token), nor any query.");
    lines.add("map $uri $front_door_logged_path {");
    lines.add("  default $uri;");
    openPaths()
        .forEach(
            open ->
                lines.add("  \"~^" + open.replace(".", "\\.") + "\" \"" + open + "[redacted]\";"));
    lines.add("}");
    lines.add(
        "log_format front_door '$remote_addr [$time_local] \"$request_method $front_door_logged_path $server_protocol\" '");
    lines.add("    '$status $body_bytes_sent \"$http_user_agent\"';");
    lines.add("server {");
    listen.lines(true).forEach(l -> lines.add("  " + l));
    lines.add("  access_log " + ACCESS_LOG + " front_door;");
    lines.add("  return 404;");
    lines.add("}");
    if (listen.tls()) {
      // Cookies are Secure and sign-in redirects are https: nothing is served over plain HTTP.
      lines.addAll(
          List.of(
              "server {",
              "  listen 80 default_server;",
              "  return 301 https://$host$request_uri;",
              "}"));
    }
    return String.join("\n", lines) + "\n";
  }

  /** The server block of one routed service. */
  public String server(ServiceSpec service) {
    var route = service.route().orElseThrow();
    int port = route.port() != 0 ? route.port() : service.ports().get(0).number();
    List<String> lines = new ArrayList<>();
    lines.add(
        "# "
            + service.name()
            + (open(service)
                ? ": open (the sign-in happens here)"
                : ": members of "
                    + (route.allow().isEmpty()
                        ? "any group"
                        : String.join(", ", groupNames(service)))));
    lines.add("server {");
    listen.lines(false).forEach(l -> lines.add("  " + l));
    String host = route.subdomain() + "." + model.cluster().domain();
    lines.add("  server_name " + host + ";");
    lines.add("  access_log " + ACCESS_LOG + " front_door;");
    lines.add("  client_max_body_size " + route.maxBodyMb() + "m;");
    Optional<String> upstream = upstreams.of(service, port);
    Optional<OidcClientSpec> gateway = model.identity().gateway();
    Optional<String> gatewayUpstream = gateway.flatMap(this::gatewayUpstream);
    if (upstream.isEmpty()) {
      lines.add(
          "  # the front door has no way to reach " + service.name() + ": it must use the service");
      lines.add("  return 503;");
    } else if (open(service)) {
      if (model.identity().providerId().filter(service.id()::equals).isPresent()) {
        refuseAdministration(lines, upstream.get());
      }
      lines.add("  location / {");
      forward(
          lines,
          upstream.get(),
          false,
          isGateway(service) ? ClientHeaders.SESSION_COOKIE : ClientHeaders.AUTHORIZATION);
      lines.add("  }");
    } else if (gateway.isEmpty() || gatewayUpstream.isEmpty()) {
      lines.add(
          "  # no @AuthGateway the front door can reach: nobody can sign in, so nobody gets through");
      lines.add("  return 503;");
    } else {
      ServiceSpec gatewayService = model.service(gateway.get().serviceId()).orElseThrow();
      String groups =
          groupNames(service).isEmpty() ? "" : "?groups=" + String.join(",", groupNames(service));
      lines.add("  location = /_front_door_auth {");
      lines.add("    internal;");
      lines.add("    proxy_pass http://" + gatewayUpstream.get() + "/auth" + groups + ";");
      lines.add("    proxy_pass_request_body off;");
      lines.add("    proxy_set_header Content-Length \"\";");
      lines.add("    proxy_set_header X-Original-URL $scheme://$http_host$request_uri;");
      lines.add("    proxy_set_header " + AUDIENCE_HEADER + " " + host + ";");
      // The gateway answers from its session alone: what a client claims does not reach it either.
      for (String claim : List.of(USER_HEADER, GROUPS_HEADER, PROOF_HEADER)) {
        lines.add("    proxy_set_header " + claim + " \"\";");
      }
      lines.add("  }");
      lines.add("  location @front_door_sign_in {");
      lines.add(
          "    return 302 "
              + urls.of(model, gatewayService).orElseThrow()
              + "/login?rd=$scheme://$http_host$request_uri;");
      lines.add("  }");
      for (String open : route.openPaths()) {
        // Reached without an account (a file drop's download links): GET and HEAD only, no
        // identity.
        lines.add("  location " + open + " {");
        lines.add("    limit_except GET { deny all; }");
        // Only a plain path goes to the service unsigned: what nginx matched is then what the
        // service reads.
        lines.add(
            "    if ($request_uri !~ \"^" + open + "[A-Za-z0-9._~/-]*(\\?.*)?$\") { return 400; }");
        forward(lines, upstream.get(), false, ClientHeaders.NONE);
        lines.add("  }");
      }
      if (model
          .identity()
          .authorizedKeys()
          .filter(k -> k.serviceId().equals(service.id()))
          .isPresent()) {
        lines.add(
            "  # machines' sshd (AuthorizedKeysCommand): the service checks their bearer token itself");
        lines.add("  location " + AUTHORIZED_KEYS_PATH + " {");
        forward(lines, upstream.get(), false, ClientHeaders.AUTHORIZATION);
        lines.add("  }");
      }
      lines.add("  location / {");
      lines.add("    auth_request /_front_door_auth;");
      lines.add("    auth_request_set $front_door_user $upstream_http_x_auth_request_user;");
      lines.add("    auth_request_set $front_door_groups $upstream_http_x_auth_request_groups;");
      lines.add("    auth_request_set $front_door_proof $upstream_http_x_front_door_proof;");
      lines.add("    error_page 401 = @front_door_sign_in;");
      forward(lines, upstream.get(), true, ClientHeaders.NONE);
      lines.add("  }");
    }
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  /**
   * Keycloak's admin console and master realm are reached through an SSH tunnel to its machine,
   * never from the internet (docs/ACCOUNTS.md). nginx matches the decoded, normalised path ({@code
   * %61dmin}, {@code //}, {@code ..} all resolved) and tries regular expressions in order; a {@code
   * ;} or a backslash is refused first, since Keycloak could read a path with them differently from
   * nginx.
   */
  private void refuseAdministration(List<String> lines, String upstream) {
    lines.add("  # administration only through an SSH tunnel to the identity provider's machine");
    lines.add("  location ~ \"[;\\x5c]\" {");
    lines.add("    return 404;");
    lines.add("  }");
    lines.add(
        "  # the realm's admin REST API, which its service accounts call with their own tokens");
    lines.add(
        "  location ~ \"^/admin/realms/"
            + model.identity().realm().replaceAll("[^A-Za-z0-9_-]", "\\\\$0")
            + "/\" {");
    forward(lines, upstream, false, ClientHeaders.AUTHORIZATION);
    lines.add("  }");
    lines.add("  location ~* \"^/(admin|realms/master)(/|$)\" {");
    lines.add("    return 404;");
    lines.add("  }");
  }

  private void forward(
      List<String> lines, String upstream, boolean signedIn, ClientHeaders passed) {
    lines.add("    proxy_pass http://" + upstream + ";");
    lines.add("    proxy_set_header Host $http_host;");
    lines.add("    proxy_set_header X-Real-IP $remote_addr;");
    // The client's own X-Forwarded-For is its word, not the front door's: replaced, not appended
    // to.
    lines.add("    proxy_set_header X-Forwarded-For $remote_addr;");
    lines.add("    proxy_set_header X-Forwarded-Proto $scheme;");
    // Set on every route, to the gateway's answer or to nothing: nginx then drops the client's own
    // copy.
    lines.add(
        "    proxy_set_header "
            + USER_HEADER
            + " "
            + (signedIn ? "$front_door_user" : "\"\"")
            + ";");
    lines.add(
        "    proxy_set_header "
            + GROUPS_HEADER
            + " "
            + (signedIn ? "$front_door_groups" : "\"\"")
            + ";");
    lines.add(
        "    proxy_set_header "
            + PROOF_HEADER
            + " "
            + (signedIn ? "$front_door_proof" : "\"\"")
            + ";");
    CLIENT_CLAIMS.forEach(header -> lines.add("    proxy_set_header " + header + " \"\";"));
    if (passed != ClientHeaders.AUTHORIZATION) {
      lines.add("    proxy_set_header Authorization \"\";");
    }
    if (passed != ClientHeaders.SESSION_COOKIE) {
      lines.add("    proxy_set_header Cookie $front_door_backend_cookies;");
    }
  }

  /**
   * Every route's open prefixes, once each: the access log redacts what follows them on any host.
   */
  private List<String> openPaths() {
    return model.services().stream()
        .flatMap(s -> s.route().stream())
        .flatMap(r -> r.openPaths().stream())
        .distinct()
        .sorted()
        .toList();
  }

  private Optional<String> gatewayUpstream(OidcClientSpec gateway) {
    return model
        .service(gateway.serviceId())
        .filter(s -> !s.ports().isEmpty())
        .flatMap(
            s ->
                upstreams.of(
                    s,
                    s.route()
                        .map(r -> r.port())
                        .filter(p -> p != 0)
                        .orElse(s.ports().get(0).number())));
  }

  /** The identity provider and the gateway: reached before anyone is signed in. */
  private boolean open(ServiceSpec service) {
    return isOpen(model, service);
  }

  /** The identity provider's and the gateway's routes need no sign-in: that is where it happens. */
  private static boolean isOpen(ClusterModel model, ServiceSpec service) {
    return model.identity().providerId().filter(service.id()::equals).isPresent()
        || model.identity().gateway().filter(g -> g.serviceId().equals(service.id())).isPresent();
  }

  /**
   * Who may use a routed service through the front door, in words (for the diagram and {@code
   * describe}): what the server blocks this class writes let through.
   */
  public static String access(ClusterModel model, ServiceSpec service) {
    RouteSpec route = service.route().orElseThrow();
    String who =
        isOpen(model, service)
            ? "anyone, for the sign-in"
            : route.allow().isEmpty()
                ? "any signed-in account"
                : "members of "
                    + route.allow().stream()
                        .flatMap(id -> model.group(id).stream())
                        .map(GroupSpec::name)
                        .collect(Collectors.joining(", "));
    return route.openPaths().isEmpty()
        ? who
        : who + "; GET " + String.join(", ", route.openPaths()) + " by anyone";
  }

  private boolean isGateway(ServiceSpec service) {
    return model.identity().gateway().filter(g -> g.serviceId().equals(service.id())).isPresent();
  }

  private List<String> groupNames(ServiceSpec service) {
    return service.route().orElseThrow().allow().stream()
        .flatMap(id -> model.group(id).stream())
        .map(GroupSpec::name)
        .collect(Collectors.toList());
  }
}
