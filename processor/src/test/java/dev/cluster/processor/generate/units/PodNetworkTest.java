package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.model.Cidr;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pod networks the model gives the services that use others: the address their apps reach their
 * ambassadors at, and the only range the ambassadors take connections from.
 */
class PodNetworkTest {
  private static final Cidr DOCKER_BRIDGE = Cidr.parse("172.17.0.0/16").orElseThrow();

  private final ServiceSpec db = Models.service("db", "workers", 3, 5432);
  private final ServiceSpec cache = Models.service("cache", "workers", 3, 6379);
  private final ServiceSpec web =
      Models.uses(Models.service("web", "workers", 2, 8080), "db", "cache");
  private final ServiceSpec admin = Models.uses(Models.service("admin", "workers", 1, 9090), "db");
  private final ServiceSpec ops = Models.uses(Models.service("ops", "main", 1, 7070), "cache");

  private static ClusterModel model(String vpcCidr, List<ServiceSpec> services) {
    ClusterSpec demo = Models.cluster();
    ClusterSpec cluster =
        new ClusterSpec(
            demo.id(),
            demo.packageName(),
            demo.name(),
            demo.domain(),
            demo.region(),
            demo.zones(),
            vpcCidr,
            Origin.NONE);
    return new ClusterModel(
        cluster, List.of(Models.main(), Models.workers()), services, List.of(), List.of());
  }

  @Test
  void eachServiceThatUsesOthersGetsItsOwnSubnetOutsideTheVpcAndDockersBridge() {
    ClusterModel model = model("10.0.0.0/16", List.of(db, cache, web, admin, ops));
    Set<Cidr> subnets = new HashSet<>();
    for (ServiceSpec user : List.of(web, admin, ops)) {
      PodNetwork network = PodNetwork.of(model, user).orElseThrow();
      assertEquals("pod-" + user.name(), network.name());
      assertEquals(29, network.subnet().prefix());
      assertTrue(
          Cidr.parse("10.222.0.0/16").orElseThrow().contains(network.subnet()), network.toString());
      assertFalse(network.subnet().overlaps(DOCKER_BRIDGE));
      assertEquals(network.subnet().host(1), network.gateway());
      assertEquals(network.gateway(), PodNetwork.ambassadorAddress(model, user));
      subnets.add(network.subnet());
    }
    assertEquals(3, subnets.size(), "no two services share a subnet: " + subnets);
    assertEquals(
        Optional.empty(),
        PodNetwork.of(model, db),
        "a service that uses nothing runs no ambassador");
  }

  @Test
  void aVpcOverThePreferredRangeMovesTheNetworksToTheOther() {
    ClusterModel model = model("10.222.0.0/16", List.of(db, web));
    Cidr subnet = PodNetwork.of(model, web).orElseThrow().subnet();
    assertTrue(Cidr.parse("172.30.0.0/16").orElseThrow().contains(subnet), subnet.toString());
  }

  @Test
  void addingServicesLeavesTheOthersNetworksWhereTheyWere() {
    ClusterModel before = model("10.0.0.0/16", List.of(db, cache, web));
    List<ServiceSpec> more = new ArrayList<>(List.of(db, cache, web, admin, ops));
    for (int i = 0; i < 40; i++) {
      more.add(Models.uses(Models.service("app" + i, "workers", 1, 8000 + i), "db"));
    }
    ClusterModel after = model("10.0.0.0/16", more);
    assertEquals(PodNetwork.of(before, web), PodNetwork.of(after, web));
    assertNotEquals(PodNetwork.of(after, admin), PodNetwork.of(after, web));
  }
}
