package dev.cluster.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder of a service: what it asks for, what it leaves empty, and what a copy keeps. */
class ServiceSpecTest {

  private static ServiceSpec.Builder web() {
    return ServiceSpec.builder("m.Web", ServiceKind.APP, "web")
        .image("example/web:1")
        .replicas(2)
        .runsOn("m.Workers")
        .origin(Origin.NONE);
  }

  @Test
  void aServiceWithoutItsRequiredPartsIsRefusedNamingEachMissingOne() {
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () ->
                ServiceSpec.builder("m.Web", ServiceKind.APP, "web")
                    .image("example/web:1")
                    .build());
    assertEquals(
        "service web (m.Web) is built without replicas, runsOn, origin", missing.getMessage());
  }

  @Test
  void whatIsNotGivenIsEmptyAndItsUsersReadItUnderTheConventionalNames() {
    ServiceSpec web = web().build();
    assertEquals(List.of(), web.ports());
    assertEquals(List.of(), web.uses());
    assertEquals(Optional.empty(), web.route());
    assertEquals(false, web.replicasExplicit());
    assertEquals(ClientEnv.conventional(ServiceKind.APP, "WEB"), web.clientEnv());
  }

  @Test
  void aCopyKeepsEverythingItsUsersRenamedNamesToo() {
    ServiceSpec db =
        ServiceSpec.builder("m.Web#postgres", ServiceKind.POSTGRES, "web-db")
            .image("dev-cluster/pg:1")
            .replicas(3)
            .runsOn("m.Data")
            .origin(Origin.NONE)
            .ports(List.of(new PortSpec(5432, "postgres")))
            .clientEnv(
                ClientEnv.conventional(ServiceKind.POSTGRES, "DB")
                    .renamedBy(new ClientEnv("PGHOST", "", "", "", "", "")))
            .build();
    assertEquals(db, db.toBuilder().build());
    assertEquals("PGHOST", db.toBuilder().replicas(1).build().clientEnv().host());
    ServiceSpec web = web().build();
    assertEquals(web, web.toBuilder().build());
  }

  @Test
  void theBuiltServiceKeepsNoReferenceToTheListsItWasGiven() {
    List<String> uses = new ArrayList<>(List.of("m.Api"));
    ServiceSpec web = web().uses(uses).build();
    uses.add("m.Db");
    assertEquals(List.of("m.Api"), web.uses());
  }
}
