package dev.cluster.runtime.deploy.secrets;

import java.util.List;

/** A declared secret that units cannot read yet, and why. */
public record MissingSecret(String name, String reason, List<String> usedBy) {
  public MissingSecret {
    usedBy = List.copyOf(usedBy);
  }

  /**
   * Whether storing a value makes it readable: not while it is scheduled for deletion (restore it
   * first).
   */
  public boolean storable() {
    return !reason.equals(SecretsStore.SCHEDULED_FOR_DELETION);
  }
}
