package dev.cluster.contract.descriptor;

import java.util.List;
import java.util.Objects;

/**
 * A Secrets Manager secret the cluster's units read; {@code name} is the secret id.
 *
 * @param generated whether any random value serves (a derived password or client secret), so that
 *     {@code deploy} makes it when it is missing; otherwise a person sets it with {@code secrets
 *     set}
 */
public record SecretRef(String name, String description, List<String> usedBy, boolean generated) {
  public SecretRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    usedBy = List.copyOf(usedBy);
  }

  /** A secret a person sets. */
  public SecretRef(String name, String description, List<String> usedBy) {
    this(name, description, usedBy, false);
  }
}
