package dev.cluster.processor.generate.client;

/**
 * A unit file the client ships and submits: its name, its classpath resource, its service, and how
 * many instances of it run (0 for a unit that is not a template).
 */
public record ClientUnit(String name, String resource, String service, int instances) {}
