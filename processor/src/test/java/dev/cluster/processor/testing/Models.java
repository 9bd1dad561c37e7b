package dev.cluster.processor.testing;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import java.util.List;
import java.util.Optional;

/** Models built in code, for generator tests that run no compiler. Ids are {@code m.<Name>}. */
public final class Models {
  private Models() {}

  public static ClusterSpec cluster() {
    return new ClusterSpec("m.Demo", "m", "demo", "demo.example.com", "eu-west-1",
        List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"), "10.0.0.0/16", Origin.NONE);
  }

  public static NodeGroupSpec group(String name, Role role, int size, int min, int max) {
    return new NodeGroupSpec("m." + name, name, role, List.of("m6i.large", "m6a.large"), size, min, max, 50, Origin.NONE);
  }

  public static NodeGroupSpec main() {
    return group("main", Role.MAIN, 3, 0, 0);
  }

  public static NodeGroupSpec workers() {
    return group("workers", Role.WORKER, 0, 2, 5);
  }

  public static NodeGroupSpec data() {
    return group("data", Role.DATA, 3, 0, 0);
  }

  /** An app service with the given ports; refine with {@link #uses} and {@link #publicBecause}. */
  public static ServiceSpec service(String name, String group, int replicas, int... ports) {
    List<PortSpec> portSpecs = java.util.Arrays.stream(ports).mapToObj(p -> new PortSpec(p, "")).toList();
    return new ServiceSpec("m." + name, ServiceKind.APP, name, "example/" + name + ":1.0", replicas, portSpecs,
        "m." + group, List.of(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), false,
        Optional.empty(), Optional.empty(), Optional.empty(), Origin.NONE);
  }

  public static ServiceSpec uses(ServiceSpec s, String... used) {
    return new ServiceSpec(s.id(), s.kind(), s.name(), s.image(), s.replicas(), s.ports(), s.runsOn(),
        java.util.Arrays.stream(used).map(u -> "m." + u).toList(), s.secrets(), s.env(), s.volumes(), s.route(),
        s.publicReason(), s.frontDoor(), s.health(), s.electedTtlSeconds(), s.postgres(), s.origin(),
        s.replicasExplicit(), s.annotationOrigins(), s.apiProxies(), s.dataEngine());
  }

  public static ServiceSpec publicBecause(ServiceSpec s, String reason) {
    return new ServiceSpec(s.id(), s.kind(), s.name(), s.image(), s.replicas(), s.ports(), s.runsOn(), s.uses(),
        s.secrets(), s.env(), s.volumes(), s.route(), Optional.of(reason), s.frontDoor(), s.health(),
        s.electedTtlSeconds(), s.postgres(), s.origin(), s.replicasExplicit(), s.annotationOrigins(), s.apiProxies(), s.dataEngine());
  }

  /** The service reading the secrets {@code m.<name>} (declare them in the model with {@link #secret}). */
  public static ServiceSpec readsSecrets(ServiceSpec s, List<String> secretNames) {
    return new ServiceSpec(s.id(), s.kind(), s.name(), s.image(), s.replicas(), s.ports(), s.runsOn(), s.uses(),
        secretNames.stream().map(n -> "m." + n).toList(), s.env(), s.volumes(), s.route(), s.publicReason(),
        s.frontDoor(), s.health(), s.electedTtlSeconds(), s.postgres(), s.origin(), s.replicasExplicit(),
        s.annotationOrigins(), s.apiProxies(), s.dataEngine());
  }

  public static SecretSpec secret(String name) {
    return new SecretSpec("m." + name, name, Names.envName(name), "secret " + name, Origin.NONE);
  }

  public static ClusterModel model(List<NodeGroupSpec> groups, List<ServiceSpec> services) {
    return new ClusterModel(cluster(), groups, services, List.of(), List.of());
  }
}
