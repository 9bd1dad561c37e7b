package dev.cluster.runtime.deploy;

import java.util.List;
import java.util.Objects;

/** A Secrets Manager secret the cluster's units read; {@code name} is the secret id. */
public record SecretRef(String name, String description, List<String> usedBy) {
    public SecretRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        usedBy = List.copyOf(usedBy);
    }
}
