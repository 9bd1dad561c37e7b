package dev.cluster.processor.validate.rules;

import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Which sizing attributes a role reads: MAIN and DATA groups have a fixed {@code size}, WORKER
 * groups {@code min} and {@code max}. The size rules pass over a group that wrote the other role's
 * attributes, since [role-attributes] already reports that one mistake.
 */
final class Sizing {
  private Sizing() {}

  /** The sizing attributes written (non-zero) that the group's role does not read. */
  static List<String> misplacedAttributes(NodeGroupSpec group) {
    List<String> misplaced = new ArrayList<>();
    if (group.role() == Role.WORKER) {
      if (group.size() != 0) {
        misplaced.add("size");
      }
    } else {
      if (group.min() != 0) {
        misplaced.add("min");
      }
      if (group.max() != 0) {
        misplaced.add("max");
      }
    }
    return misplaced;
  }

  static boolean isWellFormed(NodeGroupSpec group) {
    return misplacedAttributes(group).isEmpty();
  }

  /**
   * Whether the group's size passes every size rule, so that rules placing services on it can trust
   * {@link NodeGroupSpec#minSize()} and {@link NodeGroupSpec#maxSize()}.
   */
  static boolean isSound(NodeGroupSpec group) {
    return isWellFormed(group)
        && switch (group.role()) {
          case MAIN -> MainGroupSizeRule.fits(group);
          case WORKER -> WorkerSizeRule.fits(group);
          case DATA -> DataSizeRule.fits(group);
        };
  }
}
