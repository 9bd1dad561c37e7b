package dev.cluster.processor.generate.units;

import dev.cluster.processor.generate.text.SystemdUnit;
import dev.cluster.processor.naming.FleetUnitNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules fleet's API enforces when a unit is submitted (its unit-name check, {@link
 * FleetUnitNames}, and option validation), checked here on the generated units because no checker
 * reads {@code [X-Fleet]}: systemd ignores the section. Deploying would otherwise be the first to
 * find a broken unit, one unit at a time.
 *
 * <p>Besides fleet's own rules, it checks what makes a set of units unschedulable although each
 * unit is valid: two units of one name, a {@code MachineOf} that names no unit of the set, and
 * {@code MachineOf} cycles. Template units are checked as fleet evaluates their instances:
 * specifiers {@code %n %N %p %i} in {@code [X-Fleet]} values expanded for instance {@value
 * #SAMPLE_INSTANCE}.
 */
public final class FleetOptions {
  static final String SAMPLE_INSTANCE = "1";

  /**
   * go-systemd's parser, which fleet runs on every unit, refuses a line of this many bytes or more.
   */
  public static final int LINE_MAX = 2048;

  private static final Set<String> TRUE = Set.of("true", "yes", "1", "on", "t");

  static final String MACHINE_ID = "MachineID";
  static final String MACHINE_OF = "MachineOf";
  static final String MACHINE_METADATA = "MachineMetadata";
  static final String CONFLICTS = "Conflicts";
  static final String GLOBAL = "Global";
  static final String REPLACES = "Replaces";
  private static final Set<String> OPTIONS =
      Set.of(MACHINE_ID, MACHINE_OF, MACHINE_METADATA, CONFLICTS, GLOBAL, REPLACES);

  private FleetOptions() {}

  /** One rule a unit breaks. {@code aboutName}: the unit's name itself is at fault. */
  public record Violation(String unit, String message, boolean aboutName) {}

  /**
   * Every rule each unit, and the set as a whole, breaks; empty when fleet would schedule them all.
   */
  public static List<Violation> check(List<SystemdUnit> units) {
    List<Violation> violations = new ArrayList<>();
    Map<String, SystemdUnit> byName = new LinkedHashMap<>();
    for (SystemdUnit unit : units) {
      if (byName.putIfAbsent(unit.name(), unit) != null) {
        violations.add(new Violation(unit.name(), "two units are named " + unit.name(), true));
      }
    }
    for (SystemdUnit unit : units) {
      Optional<String> nameProblem = FleetUnitNames.unitNameProblem(unit.name());
      nameProblem.ifPresent(p -> violations.add(new Violation(unit.name(), p, true)));
      if (nameProblem.isEmpty()) {
        checkLineLengths(unit, violations);
        checkOptions(unit, byName.keySet(), violations);
      }
    }
    checkMachineOfCycles(units, violations);
    return List.copyOf(violations);
  }

  private static void checkLineLengths(SystemdUnit unit, List<Violation> violations) {
    String text = unit.render();
    int number = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      number++;
      // A char is at most 3 UTF-8 bytes: only a line this long can reach the limit, so only it is
      // encoded.
      if ((end - start) * 3 >= LINE_MAX) {
        String line = text.substring(start, end);
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= LINE_MAX) {
          violations.add(
              new Violation(
                  unit.name(),
                  "line "
                      + number
                      + " ("
                      + line.substring(0, 40)
                      + "...) is "
                      + bytes
                      + " bytes, and fleet refuses lines of "
                      + LINE_MAX
                      + " bytes or more",
                  false));
        }
      }
      start = end + 1;
    }
  }

  private static void checkOptions(
      SystemdUnit unit, Set<String> names, List<Violation> violations) {
    Map<String, List<String>> options = options(unit);
    for (String key : options.keySet()) {
      if (!OPTIONS.contains(key)) {
        violations.add(
            new Violation(
                unit.name(),
                "[X-Fleet] has no option "
                    + key
                    + " (fleet's options: "
                    + String.join(", ", OPTIONS.stream().sorted().toList())
                    + ")",
                false));
      }
    }
    List<String> machineOf = options.getOrDefault(MACHINE_OF, List.of());
    List<String> conflicts =
        options.getOrDefault(CONFLICTS, List.of()).stream()
            .flatMap(v -> List.of(v.trim().split("\\s+")).stream())
            .filter(s -> !s.isEmpty())
            .toList();
    List<String> replaces = options.getOrDefault(REPLACES, List.of());
    boolean machineId = !options.getOrDefault(MACHINE_ID, List.of()).isEmpty();
    List<String> global = options.getOrDefault(GLOBAL, List.of());
    boolean isGlobal =
        !global.isEmpty() && TRUE.contains(global.get(global.size() - 1).toLowerCase(Locale.ROOT));

    forbid(
        unit,
        machineId && !machineOf.isEmpty(),
        "MachineID cannot be used with MachineOf",
        violations);
    forbid(
        unit,
        machineId && !conflicts.isEmpty(),
        "MachineID cannot be used with Conflicts",
        violations);
    forbid(unit, machineId && isGlobal, "MachineID cannot be used with Global", violations);
    forbid(
        unit,
        machineId && !replaces.isEmpty(),
        "MachineID cannot be used with Replaces",
        violations);
    forbid(
        unit, isGlobal && !machineOf.isEmpty(), "Global cannot be used with MachineOf", violations);
    forbid(
        unit, isGlobal && !replaces.isEmpty(), "Global cannot be used with Replaces", violations);
    forbid(
        unit,
        !conflicts.isEmpty() && !replaces.isEmpty(),
        "Conflicts cannot be used with Replaces",
        violations);
    for (String peer : machineOf) {
      conflicts.stream()
          .filter(glob -> globMatches(glob, peer))
          .findFirst()
          .ifPresent(
              glob ->
                  violations.add(
                      new Violation(
                          unit.name(),
                          "MachineOf "
                              + peer
                              + " matches its own Conflicts "
                              + glob
                              + ": the unit must share a machine with a unit it may not share one with",
                          false)));
      replaces.stream()
          .filter(glob -> globMatches(glob, peer))
          .findFirst()
          .ifPresent(
              glob ->
                  violations.add(
                      new Violation(
                          unit.name(),
                          "MachineOf " + peer + " matches its own Replaces " + glob,
                          false)));
      if (!names.contains(peer) && !names.contains(template(peer))) {
        violations.add(
            new Violation(
                unit.name(), "MachineOf " + peer + " names no unit that is generated", false));
      }
    }
    for (String metadata : options.getOrDefault(MACHINE_METADATA, List.of())) {
      String[] pair = metadata.split("=", -1);
      if (pair.length != 2 || pair[0].isEmpty() || pair[1].isEmpty()) {
        violations.add(
            new Violation(
                unit.name(),
                "MachineMetadata "
                    + metadata
                    + " is not key=value with one '=', so fleet would ignore it and place the unit on any machine",
                false));
      }
    }
  }

  private static void forbid(
      SystemdUnit unit, boolean broken, String rule, List<Violation> violations) {
    if (broken) {
      violations.add(new Violation(unit.name(), rule, false));
    }
  }

  /**
   * A unit whose MachineOf chain comes back to it can never be placed. Templates stand for their
   * instances.
   */
  private static void checkMachineOfCycles(List<SystemdUnit> units, List<Violation> violations) {
    Map<String, List<String>> edges = new HashMap<>();
    for (SystemdUnit unit : units) {
      if (FleetUnitNames.isValidUnitName(unit.name())) {
        edges.put(
            unit.name(),
            options(unit).getOrDefault(MACHINE_OF, List.of()).stream()
                .map(FleetOptions::template)
                .toList());
      }
    }
    for (SystemdUnit unit : units) {
      List<String> path = new ArrayList<>();
      if (edges.containsKey(unit.name())
          && leadsBack(unit.name(), unit.name(), edges, new LinkedHashSet<>(), path)) {
        violations.add(
            new Violation(
                unit.name(),
                "MachineOf cycle "
                    + unit.name()
                    + " -> "
                    + String.join(" -> ", path)
                    + ": none of these units can be placed first",
                false));
      }
    }
  }

  private static boolean leadsBack(
      String start,
      String at,
      Map<String, List<String>> edges,
      Set<String> seen,
      List<String> path) {
    for (String next : edges.getOrDefault(at, List.of())) {
      path.add(next);
      if (next.equals(start) || (seen.add(next) && leadsBack(start, next, edges, seen, path))) {
        return true;
      }
      path.remove(path.size() - 1);
    }
    return false;
  }

  /** The [X-Fleet] options, specifiers expanded as fleet does for a template's sample instance. */
  static Map<String, List<String>> options(SystemdUnit unit) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (SystemdUnit.Section section : unit.sections()) {
      if (section.name().equals("X-Fleet")) {
        for (SystemdUnit.Entry entry : section.entries()) {
          options
              .computeIfAbsent(entry.key(), k -> new ArrayList<>())
              .add(expand(entry.value(), unit.name()));
        }
      }
    }
    return options;
  }

  private static String expand(String value, String unitName) {
    String instanceName = unitName.replace("@.", "@" + SAMPLE_INSTANCE + ".");
    String stem = instanceName.substring(0, instanceName.lastIndexOf('.'));
    int at = stem.indexOf('@');
    String prefix = at < 0 ? stem : stem.substring(0, at);
    String instance = at < 0 ? "" : stem.substring(at + 1);
    return value
        .replace("%n", instanceName)
        .replace("%N", stem)
        .replace("%p", prefix)
        .replace("%i", instance);
  }

  /** {@code a@1.service -> a@.service}; other names stay. */
  static String template(String name) {
    int at = name.indexOf('@');
    int dot = name.lastIndexOf('.');
    return at < 0 || dot < at ? name : name.substring(0, at + 1) + name.substring(dot);
  }

  /**
   * Go's {@code path.Match}, which fleet uses for Conflicts and Replaces: * ? [...] and \ escapes,
   * none crossing '/'.
   */
  static boolean globMatches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append("[^/]*");
        case '?' -> regex.append("[^/]");
        case '\\' -> {
          if (i + 1 < glob.length()) {
            regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
          }
        }
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            return false;
          }
          String body = glob.substring(i + 1, end);
          boolean negated = body.startsWith("^");
          regex
              .append(negated ? "[^/" : "[")
              .append(
                  (negated ? body.substring(1) : body).replace("\\", "\\\\").replace("[", "\\["))
              .append(']');
          i = end;
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(regex.toString(), name);
  }
}
