package dev.cluster.runtime.deploy.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.fleet.DesiredState;
import dev.cluster.runtime.deploy.fleet.UnitOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** fleet's v2 keys as a snapshot holds them, read back into units. */
class FleetRegistryExportTest {

  @Test
  void unitsComeWithTheirUnitFileAndTargetState() {
    String keys =
        SnapshotArchives.fleetKeys(
            Map.of(
                "backup.service", Map.entry("[Service]\nExecStart=/usr/bin/backup\n", "launched"),
                "report@.service",
                    Map.entry("[Service]\nExecStart=/usr/bin/report %i\n", "inactive")));

    List<FleetRegistryExport.ExportedUnit> units =
        FleetRegistryExport.units(keys.getBytes(StandardCharsets.UTF_8));

    assertEquals(
        List.of(
            new FleetRegistryExport.ExportedUnit(
                "backup.service",
                List.of(new UnitOption("Service", "ExecStart", "/usr/bin/backup")),
                DesiredState.LAUNCHED),
            new FleetRegistryExport.ExportedUnit(
                "report@.service",
                List.of(new UnitOption("Service", "ExecStart", "/usr/bin/report %i")),
                DesiredState.INACTIVE)),
        units);
  }

  @Test
  void aFleetThatNeverWroteHoldsNoUnits() {
    String notFound =
        "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/_coreos.com\",\"index\":4}";
    assertEquals(List.of(), FleetRegistryExport.units(notFound.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aJobWhoseUnitFileIsMissingIsSkippedAsFleetDoes() {
    String keys =
        SnapshotArchives.fleetKeys(
                Map.of("backup.service", Map.entry("[Service]\nExecStart=/x\n", "launched")))
            .replaceAll("/_coreos.com/fleet/unit/[0-9a-f]+", "/_coreos.com/fleet/unit/0000");
    assertEquals(List.of(), FleetRegistryExport.units(keys.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void somethingElseThanEtcdsJsonIsRefused() {
    Executable read = () -> FleetRegistryExport.units("not json".getBytes(StandardCharsets.UTF_8));
    DeployException e = assertThrows(DeployException.class, read);
    assertTrue(
        e.getMessage().startsWith("fleet-v2.json is not etcd's JSON answer"), e.getMessage());
  }
}
