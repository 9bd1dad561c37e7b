package dev.cluster.runtime.deploy.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.deploy.console.DeployException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet client against {@link InProcessFleetServer}, which follows fleet's API v1 document. */
class FleetClientInProcessFleetServerTest {
  private static final List<UnitOption> OPTIONS =
      List.of(new UnitOption("Service", "ExecStart", "/bin/sleep 1000"));

  private InProcessFleetServer server;
  private FleetClient fleet;

  @BeforeEach
  void start() throws Exception {
    server = new InProcessFleetServer(2);
    fleet = new FleetClient(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsEveryPageOfUnitsStatesAndMachines() {
    for (int i = 1; i <= 5; i++) {
      server.preload("u" + i + ".service", "launched", OPTIONS);
    }

    assertEquals(
        List.of("u1.service", "u2.service", "u3.service", "u4.service", "u5.service"),
        fleet.units().stream().map(FleetUnit::name).toList());
    assertEquals(5, fleet.states().size());
    assertEquals(3, fleet.machines().size());
    assertEquals("main", fleet.machines().get(0).metadata().get("group"));
    assertTrue(server.requests().contains("GET /units"));
  }

  @Test
  void otherOptionsForAUnitFleetHasCreateItAgainAsFleetDoes() {
    assertTrue(fleet.create("web.service", OPTIONS, DesiredState.LAUNCHED));
    List<UnitOption> other = List.of(new UnitOption("Service", "ExecStart", "/bin/sleep 2000"));

    assertTrue(fleet.create("web.service", other, DesiredState.LOADED), "201, not a conflict");

    FleetUnit unit = fleet.unit("web.service").orElseThrow();
    assertEquals(other, unit.options());
    assertEquals("loaded", unit.desiredState());
  }

  @Test
  void createsUpdatesAndDestroysAUnit() {
    assertTrue(fleet.create("web.service", OPTIONS, DesiredState.LOADED));
    fleet.setDesiredState("web.service", DesiredState.LAUNCHED);

    FleetUnit unit = fleet.unit("web.service").orElseThrow();
    assertEquals("launched", unit.desiredState());
    assertEquals(OPTIONS, unit.options());
    assertTrue(fleet.destroy("web.service"));
    assertFalse(fleet.destroy("web.service"));
    assertTrue(fleet.unit("web.service").isEmpty());
  }

  @Test
  void showsFleetsMessageWhenItRejectsARequest() {
    FleetException conflict =
        assertThrows(
            FleetException.class,
            () -> fleet.setDesiredState("missing.service", DesiredState.LAUNCHED));
    assertEquals(409, conflict.status());
    assertEquals(
        "fleet refused PUT missing.service: unit does not exist and options field empty (HTTP 409)",
        conflict.getMessage());

    FleetException template =
        assertThrows(
            FleetException.class,
            () -> fleet.create("web@.service", OPTIONS, DesiredState.LAUNCHED));
    assertEquals(400, template.status());
    assertTrue(template.getMessage().contains("cannot activate template"), template.getMessage());
  }

  @Test
  void theServerRefusesAPutWithoutJsonContentTypeAsFleetDoes() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.url().resolve("/fleet/v1/units/web.service"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"desiredState\":\"launched\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertEquals(415, response.statusCode());
    assertTrue(response.body().contains("\"code\":415"), response.body());
  }

  @Test
  void unreachableFleetIsOneClearMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    FleetClient nowhere = new FleetClient(URI.create("http://127.0.0.1:" + closedPort));

    DeployException e = assertThrows(DeployException.class, nowhere::units);
    assertTrue(
        e.getMessage().startsWith("fleet is unreachable at http://127.0.0.1:" + closedPort),
        e.getMessage());
  }
}
