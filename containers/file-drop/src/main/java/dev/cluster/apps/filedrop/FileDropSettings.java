package dev.cluster.apps.filedrop;

import dev.cluster.apps.common.FrontDoorTrust;
import dev.cluster.apps.common.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * File drop's configuration, from the environment its unit sets.
 *
 * @param storage the synced volume the files and their records live on ({@code STORAGE_DIR})
 * @param maxUploadBytes the most one upload request may carry, all files together ({@code
 *     MAX_UPLOAD_MB}); the front door's {@code @Route(maxBodyMb)} must be at least as large
 * @param linkLifetime how long a link works ({@code LINK_LIFETIME_HOURS}); an upload may ask for
 *     less
 * @param maxDownloads how often a link may be used by default, 0 for no limit ({@code
 *     MAX_DOWNLOADS})
 * @param publicUrl the address the links start with, e.g. {@code https://drop.dev.example.com}
 *     ({@code PUBLIC_URL})
 * @param frontDoor whose word about the signed-in user counts: the front door's, proven for this
 *     app's host
 */
public record FileDropSettings(
    int port,
    Path storage,
    long maxUploadBytes,
    Duration linkLifetime,
    int maxDownloads,
    URI publicUrl,
    SmtpSettings smtp,
    FrontDoorTrust frontDoor) {
  public static FileDropSettings from(Settings settings) {
    return new FileDropSettings(
        (int) settings.number("PORT", 8080),
        Path.of(settings.string("STORAGE_DIR", "/data/drops")),
        settings.number("MAX_UPLOAD_MB", 2048) * 1024 * 1024,
        Duration.ofHours(settings.number("LINK_LIFETIME_HOURS", 7 * 24)),
        (int) settings.number("MAX_DOWNLOADS", 0),
        URI.create(settings.required("PUBLIC_URL").replaceAll("/+$", "")),
        SmtpSettings.from(settings),
        FrontDoorTrust.from(settings));
  }
}
