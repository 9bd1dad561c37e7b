package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.generate.text.SystemdUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fleet's rules, each on hand-built units: no generator, no javac. */
class FleetOptionsTest {

  /** A unit with an ExecStart and the given [X-Fleet] lines, each {@code Key=value}. */
  private static SystemdUnit unit(String name, String... fleetLines) {
    SystemdUnit.Builder unit =
        SystemdUnit.builder(name).section("Service").add("ExecStart", "/usr/bin/true");
    if (fleetLines.length > 0) {
      unit.section("X-Fleet");
      for (String line : fleetLines) {
        int eq = line.indexOf('=');
        unit.add(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return unit.build();
  }

  private static List<String> messages(SystemdUnit... units) {
    return FleetOptions.check(Arrays.asList(units)).stream()
        .map(v -> v.unit() + ": " + v.message())
        .toList();
  }

  private static void assertOnly(String expected, SystemdUnit... units) {
    assertEquals(List.of(expected), messages(units));
  }

  @Test
  void aPodAndItsFollowersAsGeneratedAreValid() {
    assertEquals(
        List.of(),
        messages(
            unit(
                "web-pod@.service", "Conflicts=web-pod@*.service", "MachineMetadata=group=workers"),
            unit("web@.service", "MachineOf=web-pod@%i.service"),
            unit(
                "sync.service",
                "Global=true",
                "MachineMetadata=group=workers",
                "MachineMetadata=group=main")));
  }

  @Test
  void anInvalidNameIsReportedAsAboutTheName() {
    List<FleetOptions.Violation> violations = FleetOptions.check(List.of(unit("we b@.service")));
    assertEquals(1, violations.size());
    assertTrue(violations.get(0).aboutName());
  }

  @Test
  void twoUnitsOfOneNameAreAnError() {
    assertOnly(
        "web-pod@.service: two units are named web-pod@.service",
        unit("web-pod@.service"),
        unit("web-pod@.service"));
  }

  @Test
  void onlyCurrentOptionNamesAreKnown() {
    assertOnly(
        "web@.service: [X-Fleet] has no option X-ConditionMachineOf (fleet's options: Conflicts, Global,"
            + " MachineID, MachineMetadata, MachineOf, Replaces)",
        unit("web-pod@.service"),
        unit("web@.service", "X-ConditionMachineOf=web-pod@%i.service"));
  }

  @Test
  void machineIdExcludesMachineOfConflictsGlobalAndReplaces() {
    assertOnly(
        "a.service: MachineID cannot be used with MachineOf",
        unit("b.service"),
        unit("a.service", "MachineID=abc", "MachineOf=b.service"));
    assertOnly(
        "a.service: MachineID cannot be used with Conflicts",
        unit("a.service", "MachineID=abc", "Conflicts=b*"));
    assertOnly(
        "a.service: MachineID cannot be used with Global",
        unit("a.service", "MachineID=abc", "Global=true"));
    assertOnly(
        "a.service: MachineID cannot be used with Replaces",
        unit("a.service", "MachineID=abc", "Replaces=b.service"));
  }

  @Test
  void globalExcludesMachineOfAndReplaces() {
    assertOnly(
        "a.service: Global cannot be used with MachineOf",
        unit("b.service"),
        unit("a.service", "Global=yes", "MachineOf=b.service"));
    assertOnly(
        "a.service: Global cannot be used with Replaces",
        unit("a.service", "Global=1", "Replaces=b.service"));
    assertEquals(
        List.of(),
        messages(unit("b.service"), unit("a.service", "Global=false", "MachineOf=b.service")),
        "Global=false is no global unit; the last Global line wins");
  }

  @Test
  void conflictsExcludesReplaces() {
    assertOnly(
        "a.service: Conflicts cannot be used with Replaces",
        unit("a.service", "Conflicts=c*.service", "Replaces=b.service"));
  }

  @Test
  void aMachineOfTargetMayNotMatchItsOwnConflicts() {
    assertOnly(
        "web@1.service: MachineOf web-pod@1.service matches its own Conflicts web-*@*.service: the unit must"
            + " share a machine with a unit it may not share one with",
        unit("web-pod@1.service"),
        unit("web@1.service", "MachineOf=web-pod@%i.service", "Conflicts=db web-*@*.service"));
    assertEquals(
        List.of(),
        messages(
            unit("web-pod@.service"),
            unit("web@.service", "MachineOf=web-pod@%i.service", "Conflicts=web@*.service")));
  }

  @Test
  void specifiersAreExpandedAsFleetDoes() {
    assertOnly(
        "web@.service: MachineOf web-pod@1.service matches its own Conflicts %p-pod@1.service: the unit must"
                .replace("%p", "web")
            + " share a machine with a unit it may not share one with",
        unit("web-pod@.service"),
        unit("web@.service", "MachineOf=%p-pod@%i.service", "Conflicts=%p-pod@%i.service"));
  }

  @Test
  void aMachineOfTargetMustBeGenerated() {
    assertOnly(
        "web@.service: MachineOf web-pod@1.service names no unit that is generated",
        unit("web@.service", "MachineOf=web-pod@%i.service"));
  }

  @Test
  void machineOfCyclesAreErrors() {
    List<String> found =
        messages(
            unit("a@.service", "MachineOf=b@%i.service"),
            unit("b@.service", "MachineOf=c@%i.service"),
            unit("c@.service", "MachineOf=a@%i.service"),
            unit("d@.service", "MachineOf=a@%i.service"));
    assertEquals(
        List.of(
            "a@.service: MachineOf cycle a@.service -> b@.service -> c@.service -> a@.service: none of these units can be placed first",
            "b@.service: MachineOf cycle b@.service -> c@.service -> a@.service -> b@.service: none of these units can be placed first",
            "c@.service: MachineOf cycle c@.service -> a@.service -> b@.service -> c@.service: none of these units can be placed first"),
        found,
        "d follows the cycle but is not part of it");
    assertOnly(
        "a.service: MachineOf cycle a.service -> a.service: none of these units can be placed first",
        unit("a.service", "MachineOf=a.service"));
  }

  @Test
  void machineMetadataIsKeyEqualsValue() {
    assertOnly(
        "a.service: MachineMetadata group=a=b is not key=value with one '=', so fleet would ignore it and place"
            + " the unit on any machine",
        unit("a.service", "MachineMetadata=group=a=b"));
  }

  @Test
  void globsMatchAsGosPathMatch() {
    assertTrue(FleetOptions.globMatches("web-pod@*.service", "web-pod@12.service"));
    assertTrue(FleetOptions.globMatches("web-pod@?.service", "web-pod@1.service"));
    assertFalse(FleetOptions.globMatches("web-pod@?.service", "web-pod@12.service"));
    assertTrue(FleetOptions.globMatches("web@[0-9].service", "web@3.service"));
    assertFalse(FleetOptions.globMatches("web@[^0-9].service", "web@3.service"));
    assertFalse(FleetOptions.globMatches("web*", "web/x"));
    assertTrue(FleetOptions.globMatches("web\\*", "web*"));
    assertFalse(FleetOptions.globMatches("web.service", "webXservice"));
  }

  @Test
  void linesOfLineMaxBytesOrMoreAreRefused() {
    SystemdUnit fits =
        SystemdUnit.builder("a.service")
            .section("Service")
            .add("ExecStart", "x".repeat(FleetOptions.LINE_MAX - "ExecStart=".length() - 1))
            .build();
    assertEquals(List.of(), messages(fits));
    SystemdUnit tooLong =
        SystemdUnit.builder("a.service")
            .section("Service")
            .add("ExecStart", "x".repeat(FleetOptions.LINE_MAX - "ExecStart=".length()))
            .build();
    assertEquals(
        List.of(
            "a.service: line 2 (ExecStart=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...) is 2048 bytes, and fleet"
                + " refuses lines of 2048 bytes or more"),
        messages(tooLong));
  }
}
