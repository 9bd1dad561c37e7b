package dev.cluster.processor.testing;

import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
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
    return new ClusterSpec(
        "m.Demo",
        "m",
        "demo",
        "demo.example.com",
        "eu-west-1",
        List.of("eu-west-1a", "eu-west-1b", "eu-west-1c"),
        "10.0.0.0/16",
        Origin.NONE);
  }

  public static NodeGroupSpec group(String name, Role role, int size, int min, int max) {
    return new NodeGroupSpec(
        "m." + name,
        name,
        role,
        List.of("m6i.large", "m6a.large"),
        size,
        min,
        max,
        50,
        Origin.NONE);
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
    List<PortSpec> portSpecs =
        java.util.Arrays.stream(ports).mapToObj(p -> new PortSpec(p, "")).toList();
    return ServiceSpec.builder("m." + name, ServiceKind.APP, name)
        .image("example/" + name + ":1.0")
        .replicas(replicas)
        .ports(portSpecs)
        .runsOn("m." + group)
        .origin(Origin.NONE)
        .build();
  }

  public static ServiceSpec uses(ServiceSpec s, String... used) {
    return s.toBuilder().uses(java.util.Arrays.stream(used).map(u -> "m." + u).toList()).build();
  }

  public static ServiceSpec publicBecause(ServiceSpec s, String reason) {
    return s.toBuilder().publicReason(Optional.of(reason)).build();
  }

  /**
   * The service reading the secrets {@code m.<name>} (declare them in the model with {@link
   * #secret}).
   */
  public static ServiceSpec readsSecrets(ServiceSpec s, List<String> secretNames) {
    return s.toBuilder().secrets(secretNames.stream().map(n -> "m." + n).toList()).build();
  }

  public static SecretSpec secret(String name) {
    return new SecretSpec("m." + name, name, Names.envName(name), "secret " + name, Origin.NONE);
  }

  public static ClusterModel model(List<NodeGroupSpec> groups, List<ServiceSpec> services) {
    return new ClusterModel(cluster(), groups, services, List.of(), List.of());
  }
}
