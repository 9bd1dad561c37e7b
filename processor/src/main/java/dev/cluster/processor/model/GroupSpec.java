package dev.cluster.processor.model;

/** A {@code @Group} of accounts. */
public record GroupSpec(String id, String name, String description, Origin origin) {}
