package dev.cluster.processor.validate;

import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;
import java.util.List;

/** Runs every rule, in catalogue order, and returns all that they find. */
public final class Validator {
  private final List<Rule> rules;

  public Validator(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The validator with every rule of the {@link RuleCatalogue}. */
  public static Validator standard() {
    return new Validator(RuleCatalogue.RULES);
  }

  public List<Problem> validate(ClusterModel model) {
    Problems problems = new Problems();
    for (Rule rule : rules) {
      problems.startRule(rule.tag());
      rule.check(model, problems);
    }
    return problems.all();
  }
}
