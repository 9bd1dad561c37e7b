package dev.cluster.processor.model;

/** A plain environment variable of a service's app. */
public record EnvSpec(String name, String value) {}
