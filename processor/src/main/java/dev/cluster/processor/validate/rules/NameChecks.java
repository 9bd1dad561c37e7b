package dev.cluster.processor.validate.rules;

import dev.cluster.processor.naming.FleetUnitNames;
import java.util.regex.Pattern;

/** The name forms the cluster's outputs accept, in one place for every rule that checks a name. */
final class NameChecks {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int MAX_DOMAIN_LENGTH = 253;

  private NameChecks() {}

  /** A DNS label: a-z, 0-9 and '-', 1 to 63 characters, not starting or ending with '-'. */
  static boolean isDnsLabel(String name) {
    return DNS_LABEL.matcher(name).matches();
  }

  /** What {@link #isDnsLabel} wants, for messages. */
  static final String DNS_LABEL_FORM =
      "a DNS label (a-z, 0-9 and '-', 1 to 63 characters, not starting or ending with '-')";

  /**
   * Whether fleet accepts the units named after this service: the grammar the generated units are
   * checked by.
   */
  static boolean namesFleetUnits(String serviceName) {
    return FleetUnitNames.serviceNameProblem(serviceName).isEmpty();
  }

  /**
   * A host name of two or more DNS labels, at most 253 characters, whose last label is not numeric.
   */
  static boolean isDomainName(String name) {
    if (name.length() > MAX_DOMAIN_LENGTH || name.startsWith(".") || name.endsWith(".")) {
      return false;
    }
    String[] labels = name.split("\\.", -1);
    if (labels.length < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return false;
    }
    for (String label : labels) {
      if (!isDnsLabel(label)) {
        return false;
      }
    }
    return true;
  }
}
