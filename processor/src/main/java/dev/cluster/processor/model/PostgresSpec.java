package dev.cluster.processor.model;

/**
 * The settings of a {@link ServiceKind#POSTGRES} service.
 *
 * @param role the app's own login role, which owns {@code database} and may do nothing a superuser
 *     alone may
 */
public record PostgresSpec(int version, boolean synchronous, String database, String role) {}
