package dev.cluster.processor.validate;

import dev.cluster.processor.model.Origin;
import java.util.ArrayList;
import java.util.List;

/** Collects what the rules find, tagging each message with its rule's tag. */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();
  private String tag = "";

  void startRule(String ruleTag) {
    this.tag = ruleTag;
  }

  /** An error: the cluster cannot work as declared. */
  public void error(Origin origin, String attribute, String message) {
    found.add(new Problem(Severity.ERROR, "[" + tag + "] " + message, origin, attribute));
  }

  /** A warning: the cluster works but is at risk. */
  public void warning(Origin origin, String attribute, String message) {
    found.add(new Problem(Severity.WARNING, "[" + tag + "] " + message, origin, attribute));
  }

  public List<Problem> all() {
    return List.copyOf(found);
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }
}
