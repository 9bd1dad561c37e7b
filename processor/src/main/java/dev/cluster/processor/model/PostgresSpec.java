package dev.cluster.processor.model;

/** The settings of a {@link ServiceKind#POSTGRES} service. */
public record PostgresSpec(int version, boolean synchronous, String database) {}
