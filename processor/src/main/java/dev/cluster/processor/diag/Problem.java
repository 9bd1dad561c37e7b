package dev.cluster.processor.diag;

import dev.cluster.processor.model.Origin;
import java.util.Optional;

/**
 * One finding of a rule: what is wrong ({@code message}, which starts with the rule's tag), where
 * it was declared ({@code origin}) and which annotation attribute is at fault ({@code attribute}, a
 * path such as {@code replicas}, {@code ports[1].value} or {@code zones[2]}; empty for the
 * annotation as a whole). {@code clashesWith} is the other declaration of a clash, which has its
 * own problem naming this one (see {@link Problems#clash}).
 */
public record Problem(
    Severity severity,
    String message,
    Origin origin,
    String attribute,
    Optional<Origin> clashesWith) {
  public Problem(Severity severity, String message, Origin origin, String attribute) {
    this(severity, message, origin, attribute, Optional.empty());
  }
}
