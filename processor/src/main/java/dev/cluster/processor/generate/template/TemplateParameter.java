package dev.cluster.processor.generate.template;

/**
 * One parameter of the template: given at deploy time; {@code cidr} ones are checked as IPv4 CIDR
 * blocks.
 */
public record TemplateParameter(String name, String type, String description, boolean cidr) {}
