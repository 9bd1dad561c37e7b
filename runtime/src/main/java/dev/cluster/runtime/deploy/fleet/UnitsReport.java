package dev.cluster.runtime.deploy.fleet;

import dev.cluster.runtime.deploy.console.Report;
import dev.cluster.runtime.deploy.console.Table;
import java.util.List;

/** What a {@code units} command (or deploy's unit step) did to each unit. */
public record UnitsReport(String command, List<UnitChange> units) implements Report {
  public UnitsReport {
    units = List.copyOf(units);
  }

  @Override
  public String text() {
    if (units.isEmpty()) {
      return "No units.\n";
    }
    Table table = new Table("UNIT", "RESULT");
    units.forEach(change -> table.row(change.unit(), change.action().done()));
    return "Units (" + command + ")\n" + table.render();
  }
}
