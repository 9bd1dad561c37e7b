package dev.cluster.apps.filedrop;

import java.time.Instant;

/**
 * One uploaded file behind one link.
 *
 * @param downloadsLeft how many more downloads the link allows; {@link #UNLIMITED} for no limit
 */
public record Drop(
    String fileName, long size, String sender, Instant expiresAt, int downloadsLeft) {
  public static final int UNLIMITED = -1;

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean usedUp() {
    return downloadsLeft == 0;
  }

  public Drop afterOneDownload() {
    return downloadsLeft == UNLIMITED
        ? this
        : new Drop(fileName, size, sender, expiresAt, downloadsLeft - 1);
  }
}
