package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.processor.model.AmbassadorSpec;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local ports the model gives ambassadors: the seed's open problem was two used databases
 * fighting for one port on a machine.
 */
class AmbassadorPortsTest {
  private final ServiceSpec pgA = Models.service("pg-a", "workers", 3, 5432);
  private final ServiceSpec pgB = Models.service("pg-b", "workers", 3, 5432);
  private final ServiceSpec web =
      Models.uses(Models.service("web", "workers", 2, 8080), "pg-a", "pg-b");
  private final ServiceSpec admin =
      Models.uses(Models.service("admin", "workers", 1, 9090), "pg-b");
  private final ServiceSpec ops = Models.uses(Models.service("ops", "main", 1, 7070), "pg-a");

  private static List<Integer> ports(ClusterModel model, ServiceSpec user) {
    return model.ambassadorsOf(user).stream()
        .map(AmbassadorSpec::primary)
        .map(AmbassadorSpec.Listener::localPort)
        .toList();
  }

  @Test
  void twoDatabasesOnOnePortGetDistinctLocalPorts() {
    ClusterModel model =
        Models.model(List.of(Models.main(), Models.workers()), List.of(pgA, pgB, web));
    assertEquals(List.of(15000, 15001), ports(model, web));
    assertEquals(
        List.of(5432, 5432),
        model.ambassadorsOf(web).stream().map(a -> a.primary().target().number()).toList());
  }

  @Test
  void portsAreUniqueAcrossTheServicesOfOneNodeGroupAndFollowNameOrder() {
    ClusterModel model =
        Models.model(List.of(Models.main(), Models.workers()), List.of(web, pgA, admin, pgB, ops));
    assertEquals(List.of(15000), ports(model, admin), "admin sorts before web");
    assertEquals(List.of(15001, 15002), ports(model, web));
    assertEquals(List.of(15000), ports(model, ops), "main's machines never host workers' pods");
  }

  @Test
  void theSameModelInAnyOrderGivesTheSamePorts() {
    ClusterModel one =
        Models.model(List.of(Models.main(), Models.workers()), List.of(web, pgA, admin, pgB));
    ClusterModel two =
        Models.model(List.of(Models.workers(), Models.main()), List.of(pgB, admin, pgA, web));
    assertEquals(ports(one, web), ports(two, web));
    assertEquals(ports(one, admin), ports(two, admin));
  }
}
