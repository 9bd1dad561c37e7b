package dev.cluster.runtime.deploy;

import java.util.Objects;
import java.util.Optional;

/** A CloudFormation template parameter; it must be given with {@code --param} iff it has no default. */
public record StackParameter(String name, String description, Optional<String> defaultValue) {
    public StackParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
    }

    public boolean required() {
        return defaultValue.isEmpty();
    }
}
