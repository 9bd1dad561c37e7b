package dev.cluster.processor.model;

/** A {@code @Secret}, or a secret the model derives (a database password). */
public record SecretSpec(String id, String name, String env, String description, Origin origin) {}
