package dev.cluster.runtime.deploy.secrets;

import java.util.List;

/** A declared secret that units cannot read yet, and why. */
public record MissingSecret(String name, String reason, List<String> usedBy) {
    public MissingSecret {
        usedBy = List.copyOf(usedBy);
    }
}
