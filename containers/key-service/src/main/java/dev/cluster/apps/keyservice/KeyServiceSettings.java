package dev.cluster.apps.keyservice;

import dev.cluster.apps.common.Settings;
import java.nio.file.Path;

/**
 * {@code STORAGE_DIR}: the synced volume; {@code KEYS_READ_TOKEN}: the bearer token the cluster's machines
 * present on {@code /authorized-keys/} (a {@code @Secret}, from Secrets Manager).
 */
public record KeyServiceSettings(int port, Path storage, String readToken) {
  public KeyServiceSettings {
    if (readToken.length() < 32) {
      throw new IllegalStateException("KEYS_READ_TOKEN must be at least 32 characters");
    }
  }

  public static KeyServiceSettings from(Settings settings) {
    return new KeyServiceSettings((int) settings.number("PORT", 8093),
        Path.of(settings.string("STORAGE_DIR", "/data/keys")), settings.required("KEYS_READ_TOKEN"));
  }
}
