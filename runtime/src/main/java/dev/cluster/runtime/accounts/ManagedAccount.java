package dev.cluster.runtime.accounts;

import java.time.Instant;
import java.util.Optional;

/**
 * An account accounts-sync created (its state file), and since when it is locked because its person
 * left.
 */
public record ManagedAccount(String name, int uid, Optional<Instant> lockedSince) {
  public ManagedAccount locked(Instant since) {
    return new ManagedAccount(name, uid, Optional.of(since));
  }

  public ManagedAccount unlocked() {
    return new ManagedAccount(name, uid, Optional.empty());
  }
}
