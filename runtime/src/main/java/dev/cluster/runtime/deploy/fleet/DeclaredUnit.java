package dev.cluster.runtime.deploy.fleet;

import dev.cluster.contract.descriptor.ClusterDescriptor;
import dev.cluster.contract.descriptor.ServiceInfo;
import dev.cluster.contract.descriptor.UnitFile;
import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.cli.UsageException;
import dev.cluster.runtime.deploy.console.DeployException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A unit as fleet should have it: a template ({@code gerrit@.service}, kept inactive since fleet
 * cannot run a template), an instance of one ({@code gerrit@1.service}) or a plain unit.
 */
public record DeclaredUnit(
    String name, String service, List<UnitOption> options, boolean template) {
  public DeclaredUnit {
    options = List.copyOf(options);
  }

  /**
   * The units of the given services (all services when none are given), templates before their
   * instances.
   */
  public static List<DeclaredUnit> of(ClusterDescriptor cluster, List<String> services) {
    Set<String> selected = selectServices(cluster, services);
    List<DeclaredUnit> units = new ArrayList<>();
    for (UnitFile file : cluster.units()) {
      if (!selected.contains(file.service())) {
        continue;
      }
      List<UnitOption> options = parse(file);
      if (file.template()) {
        units.add(new DeclaredUnit(file.name(), file.service(), options, true));
        for (int i = 1; i <= file.instances(); i++) {
          units.add(new DeclaredUnit(instanceName(file.name(), i), file.service(), options, false));
        }
      } else {
        units.add(new DeclaredUnit(file.name(), file.service(), options, false));
      }
    }
    return List.copyOf(units);
  }

  /**
   * The value systemd takes for {@code [section] name}: the last assignment, as later lines
   * override earlier ones.
   */
  public Optional<String> option(String section, String name) {
    Optional<String> value = Optional.empty();
    for (UnitOption option : options) {
      if (option.section().equals(section) && option.name().equals(name)) {
        value = Optional.of(option.value());
      }
    }
    return value;
  }

  /**
   * The systemd states in which this unit is up, as fleet's {@code /state} reports them: {@code
   * active/running} for a unit with a process, and {@code active/exited} for one with {@code
   * RemainAfterExit=yes} whose process has ended, which is the only up state of a {@code
   * Type=oneshot} (the generated pods): such a unit never runs. Empty for a oneshot without
   * RemainAfterExit, which is {@code inactive/dead} before and after its work.
   */
  public Set<String> upStates() {
    return upStates(options);
  }

  /** {@link #upStates()} of a unit with these options, e.g. one as fleet has it. */
  public static Set<String> upStates(List<UnitOption> options) {
    DeclaredUnit unit = new DeclaredUnit("unit.service", "", options, false);
    boolean oneshot = unit.option("Service", "Type").map("oneshot"::equals).orElse(false);
    boolean remains =
        unit.option("Service", "RemainAfterExit").map(DeclaredUnit::isTrue).orElse(false);
    Set<String> up = new LinkedHashSet<>();
    if (!oneshot) {
      up.add("active/running");
    }
    if (remains) {
      up.add("active/exited");
    }
    return Set.copyOf(up);
  }

  /**
   * The units systemd stops this one with: those its {@code BindsTo=}, {@code Requires=} and {@code
   * PartOf=} name, an instance's {@code %i} filled in ({@code shop-pod@%i.service} of {@code
   * shop@2.service} is {@code shop-pod@2.service}).
   */
  public Set<String> stopsWith() {
    String instance =
        name.contains("@") ? name.substring(name.indexOf('@') + 1, name.lastIndexOf('.')) : "";
    Set<String> units = new LinkedHashSet<>();
    for (UnitOption option : options) {
      if (option.section().equals("Unit")
          && List.of("BindsTo", "Requires", "PartOf").contains(option.name())) {
        for (String unit : option.value().trim().split("\\s+")) {
          if (!unit.isEmpty()) {
            units.add(unit.replace("%i", instance).replace("%I", instance).replace("%%", "%"));
          }
        }
      }
    }
    return units;
  }

  /** systemd's booleans: 1, yes, y, true, t, on (any case). */
  private static boolean isTrue(String value) {
    return List.of("1", "yes", "y", "true", "t", "on")
        .contains(value.trim().toLowerCase(java.util.Locale.ROOT));
  }

  static String instanceName(String templateName, int instance) {
    return templateName.replace("@.", "@" + instance + ".");
  }

  /**
   * Every service the cluster declares, those with units of their own and those its node groups'
   * boot runs.
   */
  public static List<String> serviceNames(ClusterDescriptor cluster) {
    Set<String> known = new LinkedHashSet<>();
    cluster.services().stream().map(ServiceInfo::name).forEach(known::add);
    cluster.units().stream().map(UnitFile::service).forEach(known::add);
    return List.copyOf(known);
  }

  private static Set<String> selectServices(ClusterDescriptor cluster, List<String> services) {
    Set<String> known = new LinkedHashSet<>(serviceNames(cluster));
    if (services.isEmpty()) {
      return known;
    }
    for (String service : services) {
      if (!known.contains(service)) {
        throw new UsageException(
            "unknown service '" + service + "' (services: " + String.join(", ", known) + ")");
      }
    }
    return Set.copyOf(services);
  }

  private static List<UnitOption> parse(UnitFile file) {
    try {
      return UnitFileParser.parse(file.name(), ClasspathResource.read(file.resource()));
    } catch (IllegalArgumentException e) {
      throw new DeployException(
          "unit file " + file.resource() + " is not valid: " + e.getMessage());
    }
  }
}
