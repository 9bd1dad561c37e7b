package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names under which presence and elect announce a service's ports ({@code --port NAME=N}) and
 * the ambassadors look them up: the runtime splits at the first {@code =} and keeps one port per
 * name.
 */
class AgentPortNamesTest {
  private static ServiceSpec withPorts(PortSpec... ports) {
    return Models.service("web", "workers", 1).withPorts(List.of(ports));
  }

  @Test
  void aDeclaredNameIsUsedAndAnUnnamedPortGoesByItsNumber() {
    ServiceSpec web = withPorts(new PortSpec(8080, "http"), new PortSpec(9090, ""));
    assertEquals(List.of("http=8080", "9090=9090"), AppContainer.portAssignments(web));
  }

  @Test
  void aNameTheRecordCouldNotHoldUnambiguouslyGivesWayToTheNumber() {
    ServiceSpec web =
        withPorts(new PortSpec(8080, "web"), new PortSpec(8443, "web"), new PortSpec(9000, "a=b"));
    assertEquals(List.of("8080=8080", "8443=8443", "9000=9000"), AppContainer.portAssignments(web));
  }

  @Test
  void oneNumberOnTcpAndUdpIsAnnouncedOnce() {
    ServiceSpec dns =
        withPorts(
            new PortSpec(53, "dns", "tcp", "", null), new PortSpec(53, "dns", "udp", "", null));
    assertEquals(List.of("dns=53"), AppContainer.portAssignments(dns));
  }
}
