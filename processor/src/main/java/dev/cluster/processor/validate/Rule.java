package dev.cluster.processor.validate;

import dev.cluster.processor.diag.Problems;
import dev.cluster.processor.model.ClusterModel;

/**
 * One validation rule. A rule reports each cause once, on the attribute at fault, and passes over
 * what another rule already reports (a service whose node group does not resolve is not also
 * checked for placement), so one mistake gives one error.
 */
public interface Rule {
  /**
   * A short stable name, written in brackets at the start of every message and listed in
   * docs/RULES.md.
   */
  String tag();

  void check(ClusterModel model, Problems problems);
}
