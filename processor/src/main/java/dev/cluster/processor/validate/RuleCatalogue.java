package dev.cluster.processor.validate;

import dev.cluster.processor.validate.rules.MainGroupSizeRule;
import dev.cluster.processor.validate.rules.PlacementRule;
import dev.cluster.processor.validate.rules.PortClashRule;
import dev.cluster.processor.validate.rules.RunsOnNodeGroupRule;
import dev.cluster.processor.validate.rules.UniqueNamesRule;
import java.util.List;

/**
 * Every rule, in the order they run. A new rule is one class in {@code rules/} and one line here, one
 * test, and one entry in docs/RULES.md.
 */
public final class RuleCatalogue {
  private RuleCatalogue() {}

  public static final List<Rule> RULES =
      List.of(
          new UniqueNamesRule(),
          new MainGroupSizeRule(),
          new RunsOnNodeGroupRule(),
          new PlacementRule(),
          new PortClashRule());
}
