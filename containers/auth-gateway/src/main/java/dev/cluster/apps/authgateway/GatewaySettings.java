package dev.cluster.apps.authgateway;

import dev.cluster.apps.common.FrontDoorProof;
import dev.cluster.apps.common.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * What the gateway is given by its unit: the issuer, its client id and redirect URI (derived by the
 * model from {@code @AuthGateway} and its {@code @Route}), the client secret from Secrets Manager
 * in {@code <CLIENT_ID>_OIDC_CLIENT_SECRET}, and the cluster's domain, on which the session cookie
 * is set so every {@code <subdomain>.<domain>} shares one sign-in.
 *
 * @param secureCookie {@code false} only for tests that run the front door over plain HTTP on
 *     loopback
 * @param recheck how long a session is believed before the identity provider is asked again whether
 *     its account is still enabled and in which groups ({@code SESSION_RECHECK_SECONDS}, 1 to 60,
 *     default 30): the longest a revoked user keeps access
 * @param proof signs the identity the gateway tells the front door, for the app it is going to
 *     ({@code FRONT_DOOR_SIGNING_KEY}, a derived secret only the gateway gets; the apps get its
 *     public key)
 */
public record GatewaySettings(
    int port,
    URI issuer,
    String clientId,
    String clientSecret,
    URI redirectUri,
    String cookieDomain,
    boolean secureCookie,
    Duration sessionLifetime,
    Duration recheck,
    FrontDoorProof.Signer proof) {
  /** Revocation must reach every session within a minute. */
  public static final Duration LONGEST_RECHECK = Duration.ofSeconds(60);

  public GatewaySettings {
    if (recheck.isNegative() || recheck.isZero() || recheck.compareTo(LONGEST_RECHECK) > 0) {
      throw new IllegalArgumentException(
          "SESSION_RECHECK_SECONDS must be 1 to "
              + LONGEST_RECHECK.toSeconds()
              + ", got "
              + recheck.toSeconds());
    }
  }

  public static GatewaySettings from(Settings settings) {
    String clientId = settings.required("OIDC_CLIENT_ID");
    URI redirectUri = URI.create(settings.required("OIDC_REDIRECT_URI"));
    String secretVariable =
        clientId.replace('-', '_').toUpperCase(Locale.ROOT) + "_OIDC_CLIENT_SECRET";
    return new GatewaySettings(
        (int) settings.number("PORT", 4180),
        URI.create(settings.required("OIDC_ISSUER")),
        clientId,
        settings.required(secretVariable),
        redirectUri,
        settings.required("COOKIE_DOMAIN"),
        !settings.optional("COOKIE_INSECURE_FOR_TESTS").map(Boolean::parseBoolean).orElse(false),
        Duration.ofHours(settings.number("SESSION_HOURS", 10)),
        Duration.ofSeconds(settings.number("SESSION_RECHECK_SECONDS", 30)),
        FrontDoorProof.signer(settings.required(FrontDoorProof.SIGNING_KEY_VARIABLE)));
  }

  /**
   * The gateway's own address: where sign-in starts and where the identity provider returns after
   * logout.
   */
  public URI publicBase() {
    return redirectUri.resolve("/");
  }
}
