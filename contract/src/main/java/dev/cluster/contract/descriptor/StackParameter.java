package dev.cluster.contract.descriptor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudFormation template parameter; it must be given with {@code --param} iff it has no default.
 * An address range that the template opens ports to (an ingress rule's source) lists them in {@code
 * opens}, as the processor derived them.
 */
public record StackParameter(
    String name, String description, Optional<String> defaultValue, List<PortOpening> opens) {
  public StackParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(defaultValue, "defaultValue");
    opens = List.copyOf(opens);
  }

  /** A parameter that opens no port. */
  public StackParameter(String name, String description, Optional<String> defaultValue) {
    this(name, description, defaultValue, List.of());
  }

  public boolean required() {
    return defaultValue.isEmpty();
  }

  /** Whether the template opens ports to the address range this parameter's value names. */
  public boolean opensPorts() {
    return !opens.isEmpty();
  }
}
