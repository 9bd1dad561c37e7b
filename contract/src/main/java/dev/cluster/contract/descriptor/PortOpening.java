package dev.cluster.contract.descriptor;

import java.util.Objects;

/**
 * A port range that a stack parameter's address range may reach on one node group's machines, as
 * the template's ingress rule opens it, and why (the rule's description).
 */
public record PortOpening(
    String nodeGroup, String protocol, int fromPort, int toPort, String description) {
  public PortOpening {
    Objects.requireNonNull(nodeGroup, "nodeGroup");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(description, "description");
  }

  /** {@code tcp 22 on main}, {@code udp 60000-61000 on workers}. */
  public String label() {
    return protocol
        + " "
        + (fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort)
        + " on "
        + nodeGroup;
  }
}
