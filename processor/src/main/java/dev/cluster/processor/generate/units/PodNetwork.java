package dev.cluster.processor.generate.units;

import dev.cluster.processor.model.Cidr;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.naming.PodPlan;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The docker network of a service's pod on a machine, for a service that reaches others through
 * ambassadors: its app's container joins it, and the pod's ambassadors listen on its gateway and
 * take connections from its subnet only. On docker's default bridge any container of the machine
 * could reach any ambassador there (so any app could reach another's database port); on its own
 * network, only the pod's app comes from the pod's subnet.
 *
 * <p>Replicas of one service never share a machine (their pods conflict), so one subnet per service
 * serves all its replicas, and the address the app reaches its ambassadors at is known when the
 * cluster compiles. Each service gets a /29 of one /16 that overlaps neither the VPC nor docker's
 * default bridge; its place is a hash of the service's name, so adding a service moves no other
 * service's network unless the two collide.
 */
public record PodNetwork(String name, Cidr subnet) {
  private static final List<Cidr> RANGES =
      List.of(Cidr.parse("10.222.0.0/16").orElseThrow(), Cidr.parse("172.30.0.0/16").orElseThrow());
  private static final Cidr DOCKER_BRIDGE = Cidr.parse("172.17.0.0/16").orElseThrow();
  private static final int SUBNET_BITS = 13; // /16 -> /29: 8192 services, 6 addresses each
  private static final Function<ClusterModel, Map<String, PodNetwork>> ALLOCATION =
      PodNetwork::allocate;

  /**
   * The network of the service's pods, if it has one (it reaches other services through
   * ambassadors).
   */
  public static Optional<PodNetwork> of(ClusterModel model, ServiceSpec service) {
    return Optional.ofNullable(model.derived(ALLOCATION).get(service.id()));
  }

  /** The address the pod's ambassadors listen on, which the app's container reaches them at. */
  public String gateway() {
    return subnet.host(1);
  }

  /** Where {@code user}'s app reaches its ambassadors: its pod network's gateway. */
  public static String ambassadorAddress(ClusterModel model, ServiceSpec user) {
    return of(model, user)
        .map(PodNetwork::gateway)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    user.name()
                        + " has no pod network: only fleet replicas that use other services run ambassadors"));
  }

  private static Map<String, PodNetwork> allocate(ClusterModel model) {
    Cidr vpc = Cidr.parse(model.cluster().vpcCidr()).orElseThrow();
    Cidr range =
        RANGES.stream()
            .filter(candidate -> !candidate.overlaps(vpc) && !candidate.overlaps(DOCKER_BRIDGE))
            .findFirst()
            .orElseThrow();
    int slots = 1 << SUBNET_BITS;
    BitSet taken = new BitSet(slots);
    Map<String, PodNetwork> networks = new HashMap<>();
    for (ServiceSpec service : model.services()) {
      if (!PodPlan.hasNetwork(model, service)) {
        continue;
      }
      int slot = Math.floorMod(service.name().hashCode(), slots);
      if (taken.cardinality() == slots) {
        throw new IllegalStateException(
            "more than " + slots + " services use others: no /29 left in " + range);
      }
      while (taken.get(slot)) {
        slot = (slot + 1) % slots;
      }
      taken.set(slot);
      networks.put(
          service.id(), new PodNetwork("pod-" + service.name(), range.subnet(SUBNET_BITS, slot)));
    }
    return Map.copyOf(networks);
  }
}
