package dev.cluster.apps.keyservice;

import java.util.List;
import java.util.Optional;

/** Who may use their keys: an account that exists and is enabled, with its groups now. */
public interface Accounts {
  /** The account's groups, or empty when there is no such enabled account. */
  Optional<List<String>> groupsOf(String user);

  /**
   * Without an identity provider: the groups the front door last told the page (for tests and
   * standalone use).
   */
  static Accounts asRecorded(KeyStore store) {
    return user -> {
      try {
        return Optional.of(store.read(user).groups());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
  }
}
