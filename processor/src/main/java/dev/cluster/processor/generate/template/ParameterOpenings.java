package dev.cluster.processor.generate.template;

import dev.cluster.processor.model.ClusterModel;
import java.util.List;

/**
 * Which ports each address-range parameter ({@code AdminCidr}, a port's {@code openToParameter})
 * opens, read from the same ingress rules the template gets ({@link IngressRules}), so that the
 * deploy client can say what a value such as {@code 0.0.0.0/0} would expose without deriving the
 * rules again.
 */
public final class ParameterOpenings {
  private ParameterOpenings() {}

  /**
   * The openings whose source is {@code parameter}, in template order; empty for a parameter that
   * opens nothing.
   */
  public static List<PortOpening> of(ClusterModel model, String parameter) {
    return IngressRules.derive(model).stream()
        .filter(rule -> rule.sourceParameter().equals(parameter))
        .map(
            rule ->
                new PortOpening(
                    rule.targetGroup(),
                    rule.protocol(),
                    rule.fromPort(),
                    rule.toPort(),
                    rule.description()))
        .toList();
  }
}
