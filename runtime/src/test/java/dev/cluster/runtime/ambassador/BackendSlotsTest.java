package dev.cluster.runtime.ambassador;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackendSlotsTest {

  private final Endpoint a = new Endpoint("127.0.0.1", 5001);
  private final Endpoint b = new Endpoint("127.0.0.1", 5002);
  private final Endpoint c = new Endpoint("127.0.0.1", 5003);

  @Test
  void leaderChangeEnablesTheNewLeaderThenCutsTheOldOne() {
    BackendSlots slots = new BackendSlots("pg", 2);
    assertEquals(
        List.of("set server pg/slot1 addr 127.0.0.1 port 5001", "set server pg/slot1 state ready"),
        slots.reconcile(Set.of(a)));
    assertEquals(
        List.of(
            "set server pg/slot2 addr 127.0.0.1 port 5002",
            "set server pg/slot2 state ready",
            "set server pg/slot1 state maint",
            "shutdown sessions server pg/slot1"),
        slots.reconcile(Set.of(b)));
    assertEquals(
        List.of(
            "set server pg/slot1 addr 127.0.0.1 port 5003",
            "set server pg/slot1 state ready",
            "set server pg/slot2 state maint",
            "shutdown sessions server pg/slot2"),
        slots.reconcile(Set.of(c)));
  }

  @Test
  void unchangedEndpointsKeepTheirSlotAndOnlyTheLeavingOneIsCut() {
    BackendSlots slots = new BackendSlots("web", 4);
    slots.reconcile(new LinkedHashSet<>(List.of(a, b)));
    assertEquals(List.of(), slots.reconcile(Set.of(a, b)));
    assertEquals(
        List.of("set server web/slot1 state maint", "shutdown sessions server web/slot1"),
        slots.reconcile(Set.of(b)));
  }

  @Test
  void aSlotStillClosingItsSessionsIsNotReusedInTheSameChange() {
    BackendSlots slots = new BackendSlots("db", 2);
    slots.reconcile(Set.of(a));
    List<String> change = slots.reconcile(Set.of(b));
    assertEquals("set server db/slot2 addr 127.0.0.1 port 5002", change.get(0));
  }
}
