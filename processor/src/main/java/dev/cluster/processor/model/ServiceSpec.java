package dev.cluster.processor.model;

import java.util.List;
import java.util.Map;
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
 * @param replicasExplicit whether {@code replicas} was written rather than left at its default
 * @param annotationOrigins where each annotation of the service's class was written, by simple name
 *     ({@code "Public"}, {@code "Elected"}, ...), so a problem can point at the annotation at fault
 * @param apiProxies the upstream APIs a proxy service forwards to
 * @param dataEngine the clustered store a DATA group's service runs ({@code @DataEngine}), whose
 *     configuration is generated
 * @param clientEnv the variables under which its users read it (a derived database's {@code @DbEnv})
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
    Origin origin,
    boolean replicasExplicit,
    Map<String, Origin> annotationOrigins,
    List<ApiProxySpec> apiProxies,
    Optional<DataEngineKind> dataEngine,
    ClientEnv clientEnv) {
  public ServiceSpec {
    ports = List.copyOf(ports);
    uses = List.copyOf(uses);
    secrets = List.copyOf(secrets);
    env = List.copyOf(env);
    volumes = List.copyOf(volumes);
    annotationOrigins = Map.copyOf(annotationOrigins);
    apiProxies = List.copyOf(apiProxies);
  }

  /** A service built in code or derived: replicas as given, no annotations of its own to point at. */
  public ServiceSpec(
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
    this(id, kind, name, image, replicas, ports, runsOn, uses, secrets, env, volumes, route, publicReason,
        frontDoor, health, electedTtlSeconds, postgres, origin, false, Map.of(), List.of(), Optional.empty(),
        ClientEnv.conventional(kind, clientEnvPrefix(kind, name)));
  }

  /** A service built in code or read, its users reading it under the conventional names. */
  public ServiceSpec(
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
      Origin origin,
      boolean replicasExplicit,
      Map<String, Origin> annotationOrigins,
      List<ApiProxySpec> apiProxies,
      Optional<DataEngineKind> dataEngine) {
    this(id, kind, name, image, replicas, ports, runsOn, uses, secrets, env, volumes, route, publicReason,
        frontDoor, health, electedTtlSeconds, postgres, origin, replicasExplicit, annotationOrigins, apiProxies,
        dataEngine, ClientEnv.conventional(kind, clientEnvPrefix(kind, name)));
  }

  /**
   * This service with more secrets and variables: those the model derives for it (an OpenID Connect
   * client's secret and settings, every client's secret for the identity provider).
   */
  public ServiceSpec withDerived(List<String> moreSecrets, List<EnvSpec> moreEnv) {
    List<String> allSecrets = new java.util.ArrayList<>(secrets);
    moreSecrets.stream().filter(s -> !allSecrets.contains(s)).forEach(allSecrets::add);
    List<EnvSpec> allEnv = new java.util.ArrayList<>(env);
    allEnv.addAll(moreEnv);
    return with(ports, uses, allSecrets, allEnv);
  }

  /** This service also using {@code moreUses} (the front door uses every routed service). */
  public ServiceSpec withUses(List<String> moreUses) {
    List<String> allUses = new java.util.ArrayList<>(uses);
    allUses.addAll(moreUses);
    return with(ports, allUses, secrets, env);
  }

  /** Where the annotation {@code simpleName} was written on the service's class; else the service's origin. */
  public Origin originOf(String simpleName) {
    return annotationOrigins.getOrDefault(simpleName, origin);
  }

  /** The same service listening on other ports. */
  public ServiceSpec withPorts(List<PortSpec> newPorts) {
    return with(newPorts, uses, secrets, env);
  }

  /** This service with these of its lists replaced; everything else as it is. */
  private ServiceSpec with(List<PortSpec> newPorts, List<String> newUses, List<String> newSecrets,
      List<EnvSpec> newEnv) {
    return new ServiceSpec(id, kind, name, image, replicas, newPorts, runsOn, newUses, newSecrets, newEnv, volumes,
        route, publicReason, frontDoor, health, electedTtlSeconds, postgres, origin, replicasExplicit,
        annotationOrigins, apiProxies, dataEngine, clientEnv);
  }

  /** This service read by its users under {@code names} (its {@code @DbEnv}'s renames applied). */
  public ServiceSpec withClientEnv(ClientEnv names) {
    return new ServiceSpec(id, kind, name, image, replicas, ports, runsOn, uses, secrets, env, volumes,
        route, publicReason, frontDoor, health, electedTtlSeconds, postgres, origin, replicasExplicit,
        annotationOrigins, apiProxies, dataEngine, names);
  }

  /** The port of the given name; derived services name theirs ({@code postgres}, {@code patroni}, ...). */
  public Optional<PortSpec> port(String portName) {
    return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
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

  /**
   * The ports a user's ambassador forwards: a database's first (its SQL or Redis port, not Patroni's REST
   * API); every TCP port of an app.
   */
  public List<PortSpec> clientPorts() {
    if (kind != ServiceKind.APP) {
      return ports.isEmpty() ? List.of() : List.of(ports.get(0));
    }
    return ports.stream().filter(p -> p.protocol().equals("tcp")).toList();
  }

  /**
   * What a user's variables for this service start with: the conventional {@code DB}, {@code REDIS} and
   * {@code MYSQL} for a derived database, the service's name in upper snake case for an app.
   */
  public String clientEnvPrefix() {
    return clientEnvPrefix(kind, name);
  }

  private static String clientEnvPrefix(ServiceKind kind, String name) {
    return switch (kind) {
      case POSTGRES -> "DB";
      case REDIS -> "REDIS";
      case MARIADB -> "MYSQL";
      case APP -> Names.envName(name);
    };
  }

  /** The port a health check probes: the {@code @Health} port, else the first port (0 when it has none). */
  public int healthPort() {
    int declared = health.map(HealthSpec::port).orElse(0);
    return declared != 0 ? declared : ports.isEmpty() ? 0 : ports.get(0).number();
  }
}
