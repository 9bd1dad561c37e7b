package dev.cluster.apps.authgateway;

import java.time.Instant;
import java.util.List;

/**
 * A signed-in browser: who, their groups when they signed in, the ID token that ends it at the provider, and
 * the provider's subject and session id, by which its backchannel logout names it.
 */
public record Session(String user, List<String> groups, String idToken, String subject, String providerSession,
    Instant expires) {
  public Session {
    groups = List.copyOf(groups);
  }

  /** Whether the user may use a service that admits {@code allowed} (empty: every signed-in user). */
  public boolean mayUse(List<String> allowed) {
    return allowed.isEmpty() || allowed.stream().anyMatch(groups::contains);
  }
}
