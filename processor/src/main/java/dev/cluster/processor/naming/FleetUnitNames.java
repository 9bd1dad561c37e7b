package dev.cluster.processor.naming;

import java.util.Optional;
import java.util.Set;

/**
 * The unit names fleet's API accepts (systemd's grammar, as fleet checks it when a unit is
 * submitted): shared by the service-name rule, since a service's name becomes its units' names, and
 * the check on the generated units.
 */
public final class FleetUnitNames {
  /** systemd's (and fleet's) longest unit name. */
  public static final int MAX_NAME_LENGTH = 256;

  private static final Set<String> UNIT_TYPES =
      Set.of(
          "automount",
          "busname",
          "device",
          "mount",
          "path",
          "scope",
          "service",
          "slice",
          "snapshot",
          "socket",
          "swap",
          "target",
          "timer");
  private static final Set<String> TEMPLATE_TYPES =
      Set.of("path", "service", "socket", "target", "timer");

  private FleetUnitNames() {}

  /**
   * Why fleet would refuse {@code name} as a unit name, if it would: the predicate the service-name
   * rule shares, since a service's name becomes its units' names.
   */
  public static Optional<String> unitNameProblem(String name) {
    if (name.isEmpty()) {
      return Optional.of("a unit name cannot be empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      return Optional.of(
          "a unit name has at most " + MAX_NAME_LENGTH + " characters, this one " + name.length());
    }
    int dot = name.lastIndexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      return Optional.of("a unit name is NAME.TYPE");
    }
    String type = name.substring(dot + 1);
    if (!UNIT_TYPES.contains(type)) {
      return Optional.of("\"" + type + "\" is not a unit type fleet schedules");
    }
    if (name.contains("@") && !TEMPLATE_TYPES.contains(type)) {
      return Optional.of("a " + type + " unit cannot be a template");
    }
    String stem = name.substring(0, dot);
    for (int i = 0; i < stem.length(); i++) {
      char c = stem.charAt(i);
      if (!isNameChar(c)) {
        return Optional.of(
            "'" + c + "' is not allowed in a unit name (only letters, digits and :_.@-)");
      }
    }
    if (name.startsWith("@")) {
      return Optional.of("a unit name cannot start with @");
    }
    return Optional.empty();
  }

  /**
   * fleet's [a-zA-Z0-9:_.@-], tested per character of every unit's name (a regex per character was
   * a hot spot).
   */
  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || ":_.@-".indexOf(c) >= 0;
  }

  public static boolean isValidUnitName(String name) {
    return unitNameProblem(name).isEmpty();
  }

  /**
   * Why a service's name cannot name its units, if it cannot: for validation's service-name rule,
   * so it rejects exactly what fleet would (its units' names are the service's name plus a suffix).
   */
  public static Optional<String> serviceNameProblem(String serviceName) {
    return unitNameProblem(UnitNames.template(serviceName));
  }
}
