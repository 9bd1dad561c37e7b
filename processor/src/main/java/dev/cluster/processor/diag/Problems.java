package dev.cluster.processor.diag;

import dev.cluster.processor.model.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects what the rules and the output checks find, tagging each message with its rule's tag. It
 * lives apart from both, so that validation and generation depend on it and not on each other.
 */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();
  private String tag = "";

  public Problems() {}

  /**
   * For the checks the processor makes before it has a model (two {@code @Cluster} classes in a
   * package).
   */
  public Problems(String tag) {
    this.tag = tag;
  }

  /**
   * Tags the messages that follow with {@code ruleTag}: the validator calls it before each rule.
   */
  public void startRule(String ruleTag) {
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

  /**
   * An error on each of two declarations that cannot both stand (two services of one port, two of
   * one name), each message naming the other. Which of the two was just edited is known only when
   * javac compiles one of them from source and reads the other from an earlier build's class file:
   * the reporter then keeps the error on the one being compiled. When both are compiled (a clean
   * build, or a build tool that recompiles every class of the package), nothing tells the processor
   * which changed last, and both get theirs.
   */
  public void clash(
      Origin first,
      String firstAttribute,
      String firstMessage,
      Origin second,
      String secondAttribute,
      String secondMessage) {
    found.add(
        new Problem(
            Severity.ERROR,
            "[" + tag + "] " + firstMessage,
            first,
            firstAttribute,
            Optional.of(second)));
    found.add(
        new Problem(
            Severity.ERROR,
            "[" + tag + "] " + secondMessage,
            second,
            secondAttribute,
            Optional.of(first)));
  }

  public List<Problem> all() {
    return List.copyOf(found);
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }
}
