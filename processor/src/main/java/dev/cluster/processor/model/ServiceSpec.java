package dev.cluster.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A service: declared with {@code @Service} ({@link ServiceKind#APP}, {@code id} its class's qualified
 * name) or derived for one ({@code id} the owner's id plus {@code #postgres}, {@code #redis}, ...).
 * References ({@code runsOn}, {@code uses}, {@code secrets}, route groups) are ids, resolved through
 * {@link ClusterModel}; validation reports those that resolve to nothing.
 *
 * @param electedTtlSeconds present when only an elected leader runs the app
 * @param publicReason present when the service faces the internet itself
 * @param origin where {@code @Service} (or, for a derived service, its annotation) was written
 */
public record ServiceSpec(
    String id,
    ServiceKind kind,
    String name,
    String image,
    int replicas,
    List<PortSpec> ports,
    String runsOn,
    List<String> uses,
    List<String> secrets,
    List<EnvSpec> env,
    List<VolumeSpec> volumes,
    Optional<RouteSpec> route,
    Optional<String> publicReason,
    boolean frontDoor,
    Optional<HealthSpec> health,
    Optional<Integer> electedTtlSeconds,
    Optional<PostgresSpec> postgres,
    Origin origin) {
  public ServiceSpec {
    ports = List.copyOf(ports);
    uses = List.copyOf(uses);
    secrets = List.copyOf(secrets);
    env = List.copyOf(env);
    volumes = List.copyOf(volumes);
  }

  public boolean isPublic() {
    return publicReason.isPresent();
  }

  public boolean isElected() {
    return electedTtlSeconds.isPresent();
  }

  /** A database's users reach only its leader; other services' users reach every healthy instance. */
  public boolean leaderOnly() {
    return kind != ServiceKind.APP || isElected();
  }
}
