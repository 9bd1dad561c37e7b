package dev.cluster.processor.validate;

import dev.cluster.processor.model.Origin;

/**
 * One finding of a rule: what is wrong ({@code message}, which starts with the rule's tag), where it was
 * declared ({@code origin}) and which annotation attribute is at fault ({@code attribute}, a path such as
 * {@code replicas}, {@code ports[1].value} or {@code zones[2]}; empty for the annotation as a whole).
 */
public record Problem(Severity severity, String message, Origin origin, String attribute) {}
