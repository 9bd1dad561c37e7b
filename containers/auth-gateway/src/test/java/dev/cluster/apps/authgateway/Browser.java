package dev.cluster.apps.authgateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the sign-in needs one: a cookie jar (Domain, Path, Max-Age), redirects
 * followed by hand, and host names under the test domain sent to 127.0.0.1 with their Host header
 * (there is no DNS for them). Cookies marked Secure are kept and sent over plain HTTP too only
 * because the tests run the front door without TLS and the gateway then sets none.
 */
final class Browser {
  record Page(int status, URI uri, String body, Map<String, List<String>> headers) {}

  private record Cookie(String domain, boolean hostOnly, String path, String name, String value) {}

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Cookie> cookies = new ArrayList<>();
  private final String virtualDomain;

  Browser(String virtualDomain) {
    this.virtualDomain = virtualDomain;
  }

  Page get(String url) throws IOException, InterruptedException {
    return get(url, Map.of());
  }

  /** GETs {@code url} with extra headers on the first request, following every redirect. */
  Page get(String url, Map<String, String> headers) throws IOException, InterruptedException {
    return follow(send("GET", URI.create(url), headers, null));
  }

  /** GETs {@code url} without following its redirect. */
  Page getOnce(String url, Map<String, String> headers) throws IOException, InterruptedException {
    return send("GET", URI.create(url), headers, null);
  }

  /** POSTs a form to {@code url} without following its redirect. */
  Page postOnce(String url, String form) throws IOException, InterruptedException {
    return send(
        "POST", URI.create(url), Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
  }

  /** POSTs a form to {@code url} with extra headers, following every redirect. */
  Page post(String url, Map<String, String> headers, String form)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/x-www-form-urlencoded");
    return follow(send("POST", URI.create(url), all, form));
  }

  /** Fills Keycloak's login form on {@code loginPage} and follows the redirects back. */
  Page signIn(Page loginPage, String user, String password)
      throws IOException, InterruptedException {
    Matcher action = FORM_ACTION.matcher(loginPage.body());
    if (!action.find()) {
      throw new AssertionError(
          "no Keycloak login form at " + loginPage.uri() + ":\n" + loginPage.body());
    }
    URI target = loginPage.uri().resolve(action.group(1).replace("&amp;", "&"));
    String form = "username=" + enc(user) + "&password=" + enc(password) + "&credentialId=";
    return follow(
        send("POST", target, Map.of("Content-Type", "application/x-www-form-urlencoded"), form));
  }

  boolean isLoginForm(Page page) {
    return FORM_ACTION.matcher(page.body()).find();
  }

  /** The value of a cookie the jar holds for {@code host}, if any. */
  String cookie(String host, String name) {
    return cookies.stream()
        .filter(c -> c.name().equals(name) && matches(c, host, "/"))
        .map(Cookie::value)
        .findFirst()
        .orElse(null);
  }

  void setCookie(String domain, String name, String value) {
    cookies.removeIf(c -> c.name().equals(name) && c.domain().equals(domain));
    cookies.add(new Cookie(domain, false, "/", name, value));
  }

  private Page follow(Page page) throws IOException, InterruptedException {
    Page current = page;
    for (int hops = 0; hops < 20 && current.status() / 100 == 3; hops++) {
      List<String> location = current.headers().getOrDefault("location", List.of());
      if (location.isEmpty()) {
        throw new AssertionError("redirect without Location from " + current.uri());
      }
      current = send("GET", current.uri().resolve(location.get(0)), Map.of(), null);
    }
    return current;
  }

  private Page send(String method, URI uri, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean virtual = host.equals(virtualDomain) || host.endsWith("." + virtualDomain);
    URI target =
        virtual
            ? URI.create(
                "http://127.0.0.1:"
                    + uri.getPort()
                    + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
            : uri;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (virtual) {
      request.header("Host", uri.getHost() + ":" + uri.getPort());
    }
    headers.forEach(request::header);
    String cookieHeader =
        cookies.stream()
            .filter(c -> matches(c, host, uri.getPath()))
            .map(c -> c.name() + "=" + c.value())
            .collect(Collectors.joining("; "));
    if (!cookieHeader.isEmpty()) {
      request.header("Cookie", cookieHeader);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Map<String, List<String>> responseHeaders = new LinkedHashMap<>(response.headers().map());
    responseHeaders.getOrDefault("set-cookie", List.of()).forEach(c -> store(host, c));
    return new Page(response.statusCode(), uri, response.body(), responseHeaders);
  }

  private void store(String requestHost, String setCookie) {
    String[] parts = setCookie.split(";");
    int eq = parts[0].indexOf('=');
    String name = parts[0].substring(0, eq).strip();
    String value = parts[0].substring(eq + 1).strip();
    String domain = requestHost;
    boolean hostOnly = true;
    String path = "/";
    boolean expired = value.isEmpty();
    for (int i = 1; i < parts.length; i++) {
      String[] attribute = parts[i].strip().split("=", 2);
      String key = attribute[0].toLowerCase(Locale.ROOT);
      String attributeValue = attribute.length > 1 ? attribute[1].strip() : "";
      switch (key) {
        case "domain" -> {
          domain = attributeValue.startsWith(".") ? attributeValue.substring(1) : attributeValue;
          hostOnly = false;
        }
        case "path" -> path = attributeValue;
        case "max-age" ->
            expired = expired || attributeValue.equals("0") || attributeValue.startsWith("-");
        case "expires" -> expired = expired || attributeValue.contains("1970");
        default -> {}
      }
    }
    String cookieDomain = domain;
    String cookiePath = path;
    cookies.removeIf(
        c ->
            c.name().equals(name)
                && c.domain().equals(cookieDomain)
                && c.path().equals(cookiePath));
    if (!expired) {
      cookies.add(new Cookie(domain, hostOnly, path, name, value));
    }
  }

  private static boolean matches(Cookie cookie, String host, String path) {
    boolean hostMatches =
        cookie.hostOnly()
            ? host.equals(cookie.domain())
            : host.equals(cookie.domain()) || host.endsWith("." + cookie.domain());
    return hostMatches && (path == null ? "/" : path).startsWith(cookie.path());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
