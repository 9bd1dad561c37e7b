package dev.cluster.processor.generate.template;

/**
 * A port range a template parameter's address range may reach on one node group's machines, and
 * why.
 */
public record PortOpening(
    String nodeGroup, String protocol, int fromPort, int toPort, String description) {}
