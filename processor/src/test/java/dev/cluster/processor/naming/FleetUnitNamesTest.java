package dev.cluster.processor.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The unit names fleet accepts, which the service-name rule and the check on the generated units
 * share.
 */
class FleetUnitNamesTest {

  @Test
  void unitNamesFollowSystemdsGrammar() {
    assertEquals(Optional.empty(), FleetUnitNames.unitNameProblem("a:b_c.d-e@.service"));
    assertEquals(
        Optional.of("'/' is not allowed in a unit name (only letters, digits and :_.@-)"),
        FleetUnitNames.unitNameProblem("web/app@.service"));
    assertEquals(
        Optional.of("' ' is not allowed in a unit name (only letters, digits and :_.@-)"),
        FleetUnitNames.unitNameProblem("web app.service"));
    assertEquals(
        Optional.of("\"conf\" is not a unit type fleet schedules"),
        FleetUnitNames.unitNameProblem("web.conf"));
    assertEquals(
        Optional.of("a mount unit cannot be a template"),
        FleetUnitNames.unitNameProblem("data@.mount"));
    assertEquals(Optional.of("a unit name is NAME.TYPE"), FleetUnitNames.unitNameProblem("web"));
    assertEquals(Optional.of("a unit name is NAME.TYPE"), FleetUnitNames.unitNameProblem("web."));
    assertEquals(
        Optional.of("a unit name cannot start with @"),
        FleetUnitNames.unitNameProblem("@web.service"));
    assertEquals(Optional.of("a unit name cannot be empty"), FleetUnitNames.unitNameProblem(""));
    String longest = "a".repeat(FleetUnitNames.MAX_NAME_LENGTH - ".service".length()) + ".service";
    assertTrue(FleetUnitNames.isValidUnitName(longest));
    assertEquals(
        Optional.of("a unit name has at most 256 characters, this one 257"),
        FleetUnitNames.unitNameProblem("a" + longest));
  }

  @Test
  void aServiceNameIsValidWhenItsUnitsNamesAre() {
    assertEquals(Optional.empty(), FleetUnitNames.serviceNameProblem("gerrit-db"));
    assertEquals(
        Optional.of("'/' is not allowed in a unit name (only letters, digits and :_.@-)"),
        FleetUnitNames.serviceNameProblem("web/app"));
    assertEquals(
        Optional.of("a unit name cannot start with @"), FleetUnitNames.serviceNameProblem("@web"));
  }
}
