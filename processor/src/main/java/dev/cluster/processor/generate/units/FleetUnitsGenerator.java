package dev.cluster.processor.generate.units;

import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.diag.Severity;
import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.Generator;
import dev.cluster.processor.generate.OutputPaths;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The fleet units of every service on a MAIN or WORKER group ({@link PodUnits}, which include one
 * Syncthing per synced volume and replica) and the front door's DNS updater, written to {@code
 * cluster/<name>/units/}. Services on DATA groups are not here: their machines start them from
 * their boot configuration ({@link DataNodeUnit}). The units run the runtime agents with the
 * command lines {@link Agents} documents.
 */
public final class FleetUnitsGenerator implements Generator {
  static final String TAG = "[fleet-units] ";
  private static final Function<ClusterModel, List<FleetUnit>> UNITS =
      FleetUnitsGenerator::computeUnits;

  @Override
  public List<GeneratedFile> generate(ClusterModel model) {
    String dir = OutputPaths.units(model);
    return units(model).stream()
        .map(u -> GeneratedFile.text(dir + u.unit().name(), u.unit().render()))
        .toList();
  }

  /**
   * Every fleet unit with the declaration it comes from, computed once per model: the output
   * checks, this generator and the deploy client all read them.
   */
  public static List<FleetUnit> units(ClusterModel model) {
    return model.derived(UNITS);
  }

  private static List<FleetUnit> computeUnits(ClusterModel model) {
    List<FleetUnit> units = new ArrayList<>();
    for (ServiceSpec service : model.services()) {
      if (!model.runsOnFleet(service)) {
        continue;
      }
      NodeGroupSpec group = model.nodeGroup(service.runsOn()).orElseThrow();
      new PodUnits(model, service, group)
          .units()
          .forEach(
              u ->
                  units.add(
                      new FleetUnit(u, service.origin(), service.name(), service.replicas())));
      if (service.frontDoor()) {
        units.add(DnsUpdater.unit(model, service, group));
      }
    }
    return List.copyOf(units);
  }

  /**
   * What fleet would reject in the units of a valid model, as errors on the declarations they come
   * from: a name that makes an invalid unit name is the user's to fix; anything else is a bug of
   * this generator.
   */
  public static List<Problem> problems(ClusterModel model) {
    List<Problem> problems = new ArrayList<>();
    List<FleetUnit> units = units(model);
    Map<String, Origin> origins = new LinkedHashMap<>();
    // Of two units of one name, the later (its service later in name order) takes the blame.
    units.forEach(u -> origins.put(u.unit().name(), u.origin()));
    Set<Origin> badNames = new HashSet<>();
    for (FleetOptions.Violation violation :
        FleetOptions.check(units.stream().map(FleetUnit::unit).toList())) {
      Origin origin = origins.getOrDefault(violation.unit(), Origin.NONE);
      if (violation.aboutName() && !badNames.add(origin)) {
        continue; // one bad name spoils every unit of its service: say it once
      }
      String message =
          TAG
              + "fleet would reject unit "
              + violation.unit()
              + ": "
              + violation.message()
              + (violation.aboutName()
                  ? "; unit names come from service names, so choose a name of letters, digits and -"
                  : "");
      problems.add(
          new Problem(Severity.ERROR, message, origin, violation.aboutName() ? "name" : ""));
    }
    return problems;
  }
}
