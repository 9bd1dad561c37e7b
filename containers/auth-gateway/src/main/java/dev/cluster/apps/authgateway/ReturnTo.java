package dev.cluster.apps.authgateway;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where to send the browser after sign-in: only a URL on the cluster's own domain, so the gateway
 * cannot be used to bounce signed-in users to someone else's site.
 */
public final class ReturnTo {
  private ReturnTo() {}

  public static Optional<URI> parse(String candidate, String domain) {
    if (candidate == null || candidate.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(candidate);
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      boolean ours = host.equals(domain) || host.endsWith("." + domain);
      boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      return ours && web && uri.getRawUserInfo() == null ? Optional.of(uri) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }
}
