package dev.cluster.processor.model;

/** A {@code @Health} check: HTTP GET of {@code path} on {@code port} (0: the first port). */
public record HealthSpec(String path, int port) {}
