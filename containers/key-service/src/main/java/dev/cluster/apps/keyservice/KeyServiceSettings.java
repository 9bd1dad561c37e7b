package dev.cluster.apps.keyservice;

import dev.cluster.apps.common.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code STORAGE_DIR}: the synced volume; {@code KEYS_READ_TOKEN}: the bearer token the cluster's
 * machines present on {@code /authorized-keys/} (a {@code @Secret}, from Secrets Manager); {@code
 * OIDC_ISSUER}, {@code OIDC_CLIENT_ID} and {@code <CLIENT_ID>_OIDC_CLIENT_SECRET} (from
 * {@code @ReadsAccounts}): where the accounts are asked for.
 */
public record KeyServiceSettings(
    int port, Path storage, String readToken, Optional<IdentityProvider> identityProvider) {
  /** The identity provider the service reads accounts from, with its own client's credentials. */
  public record IdentityProvider(URI issuer, String clientId, String clientSecret) {}

  public KeyServiceSettings {
    if (readToken.length() < 32) {
      throw new IllegalStateException("KEYS_READ_TOKEN must be at least 32 characters");
    }
  }

  public static KeyServiceSettings from(Settings settings) {
    Optional<IdentityProvider> idp =
        settings
            .optional("OIDC_ISSUER")
            .map(
                issuer -> {
                  String clientId = settings.required("OIDC_CLIENT_ID");
                  return new IdentityProvider(
                      URI.create(issuer),
                      clientId,
                      settings.required(
                          clientId.replace('-', '_').toUpperCase(Locale.ROOT)
                              + "_OIDC_CLIENT_SECRET"));
                });
    return new KeyServiceSettings(
        (int) settings.number("PORT", 8093),
        Path.of(settings.string("STORAGE_DIR", "/data/keys")),
        settings.required("KEYS_READ_TOKEN"),
        idp);
  }
}
