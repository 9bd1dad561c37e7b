package dev.cluster.apps.authgateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A signed-in browser: who, their groups as the provider last said, the ID token that ends it at
 * the provider, the provider's subject and session id (by which its backchannel logout names it),
 * the refresh token with which the gateway asks the provider again, and when it last asked.
 */
public record Session(
    String user,
    List<String> groups,
    String idToken,
    String subject,
    String providerSession,
    String refreshToken,
    Instant checked,
    Instant expires) {
  public Session {
    groups = List.copyOf(groups);
  }

  /**
   * Whether the user may use a service that admits {@code allowed} (empty: every signed-in user).
   */
  public boolean mayUse(List<String> allowed) {
    return allowed.isEmpty() || allowed.stream().anyMatch(groups::contains);
  }

  /** Whether the provider must be asked again before this session is believed at {@code now}. */
  public boolean dueForCheck(Instant now, Duration every) {
    return !now.isBefore(checked.plus(every));
  }

  /** This session as the provider described it again at {@code now}; it ends when it was to end. */
  public Session renewed(IdentityProviderClient.SignedIn again, Instant now) {
    return new Session(
        again.user(),
        again.groups(),
        again.idToken(),
        subject,
        providerSession,
        again.refreshToken() == null ? refreshToken : again.refreshToken(),
        now,
        expires);
  }
}
