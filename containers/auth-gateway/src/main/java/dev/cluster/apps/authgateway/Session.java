package dev.cluster.apps.authgateway;

import java.time.Instant;
import java.util.List;

/** A signed-in browser: who, their groups when they signed in, and the ID token that ends it at the provider. */
public record Session(String user, List<String> groups, String idToken, Instant expires) {
  public Session {
    groups = List.copyOf(groups);
  }

  /** Whether the user may use a service that admits {@code allowed} (empty: every signed-in user). */
  public boolean mayUse(List<String> allowed) {
    return allowed.isEmpty() || allowed.stream().anyMatch(groups::contains);
  }
}
