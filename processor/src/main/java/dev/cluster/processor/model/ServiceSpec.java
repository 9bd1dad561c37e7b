package dev.cluster.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service: declared with {@code @Service} ({@link ServiceKind#APP}, {@code id} its class's
 * qualified name) or derived for one ({@code id} the owner's id plus {@code #postgres}, {@code
 * #redis}, ...). References ({@code runsOn}, {@code uses}, {@code secrets}, route groups) are ids,
 * resolved through {@link ClusterModel}; validation reports those that resolve to nothing. Made
 * with {@link #builder}.
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
 * @param clientEnv the variables under which its users read it (a derived database's
 *     {@code @DbEnv})
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

  /**
   * A service with {@code id}, {@code kind} and {@code name}; the builder asks for its image, node
   * group, replicas and origin, and starts everything else empty: no ports, uses, secrets,
   * variables, volumes or annotations, and its users reading it under the conventional names for
   * its kind and name.
   */
  public static Builder builder(String id, ServiceKind kind, String name) {
    return new Builder(id, kind, name);
  }

  /**
   * A builder holding everything this service has, to change some of it (not its id, kind or name).
   */
  public Builder toBuilder() {
    return new Builder(id, kind, name)
        .image(image)
        .replicas(replicas)
        .ports(ports)
        .runsOn(runsOn)
        .uses(uses)
        .secrets(secrets)
        .env(env)
        .volumes(volumes)
        .route(route)
        .publicReason(publicReason)
        .frontDoor(frontDoor)
        .health(health)
        .electedTtlSeconds(electedTtlSeconds)
        .postgres(postgres)
        .origin(origin)
        .replicasExplicit(replicasExplicit)
        .annotationOrigins(annotationOrigins)
        .apiProxies(apiProxies)
        .dataEngine(dataEngine)
        .clientEnv(clientEnv);
  }

  /**
   * This service with more secrets and variables: those the model derives for it (an OpenID Connect
   * client's secret and settings, every client's secret for the identity provider).
   */
  public ServiceSpec withDerived(List<String> moreSecrets, List<EnvSpec> moreEnv) {
    List<String> allSecrets = new ArrayList<>(secrets);
    moreSecrets.stream().filter(s -> !allSecrets.contains(s)).forEach(allSecrets::add);
    List<EnvSpec> allEnv = new ArrayList<>(env);
    allEnv.addAll(moreEnv);
    return with(ports, uses, allSecrets, allEnv);
  }

  /** This service also using {@code moreUses} (the front door uses every routed service). */
  public ServiceSpec withUses(List<String> moreUses) {
    List<String> allUses = new ArrayList<>(uses);
    allUses.addAll(moreUses);
    return with(ports, allUses, secrets, env);
  }

  /**
   * Where the annotation {@code simpleName} was written on the service's class; else the service's
   * origin.
   */
  public Origin originOf(String simpleName) {
    return annotationOrigins.getOrDefault(simpleName, origin);
  }

  /** The same service listening on other ports. */
  public ServiceSpec withPorts(List<PortSpec> newPorts) {
    return with(newPorts, uses, secrets, env);
  }

  /** This service with these of its lists replaced; everything else as it is. */
  private ServiceSpec with(
      List<PortSpec> newPorts,
      List<String> newUses,
      List<String> newSecrets,
      List<EnvSpec> newEnv) {
    return toBuilder().ports(newPorts).uses(newUses).secrets(newSecrets).env(newEnv).build();
  }

  /** This service read by its users under {@code names} (its {@code @DbEnv}'s renames applied). */
  public ServiceSpec withClientEnv(ClientEnv names) {
    return toBuilder().clientEnv(names).build();
  }

  /**
   * The port of the given name; derived services name theirs ({@code postgres}, {@code patroni},
   * ...).
   */
  public Optional<PortSpec> port(String portName) {
    return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
  }

  public boolean isPublic() {
    return publicReason.isPresent();
  }

  public boolean isElected() {
    return electedTtlSeconds.isPresent();
  }

  /**
   * A database's users reach only its leader; other services' users reach every healthy instance.
   */
  public boolean leaderOnly() {
    return kind != ServiceKind.APP || isElected();
  }

  /**
   * The ports a user's ambassador forwards: a database's first (its SQL or Redis port, not
   * Patroni's REST API); every TCP port of an app.
   */
  public List<PortSpec> clientPorts() {
    if (kind != ServiceKind.APP) {
      return ports.isEmpty() ? List.of() : List.of(ports.get(0));
    }
    return ports.stream().filter(p -> p.protocol().equals("tcp")).toList();
  }

  /**
   * What a user's variables for this service start with: the conventional {@code DB}, {@code REDIS}
   * and {@code MYSQL} for a derived database, the service's name in upper snake case for an app.
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

  /**
   * The port a health check probes: the {@code @Health} port, else the first port (0 when it has
   * none).
   */
  public int healthPort() {
    int declared = health.map(HealthSpec::port).orElse(0);
    return declared != 0 ? declared : ports.isEmpty() ? 0 : ports.get(0).number();
  }

  /**
   * Builds a {@link ServiceSpec} by naming each part rather than by the position of every
   * component. {@link #build} refuses a service without an image, a node group, replicas or an
   * origin, naming what is missing.
   */
  public static final class Builder {
    private final String id;
    private final ServiceKind kind;
    private final String name;
    private String image;
    private Integer replicas;
    private String runsOn;
    private Origin origin;
    private List<PortSpec> ports = List.of();
    private List<String> uses = List.of();
    private List<String> secrets = List.of();
    private List<EnvSpec> env = List.of();
    private List<VolumeSpec> volumes = List.of();
    private Optional<RouteSpec> route = Optional.empty();
    private Optional<String> publicReason = Optional.empty();
    private boolean frontDoor;
    private Optional<HealthSpec> health = Optional.empty();
    private Optional<Integer> electedTtlSeconds = Optional.empty();
    private Optional<PostgresSpec> postgres = Optional.empty();
    private boolean replicasExplicit;
    private Map<String, Origin> annotationOrigins = Map.of();
    private List<ApiProxySpec> apiProxies = List.of();
    private Optional<DataEngineKind> dataEngine = Optional.empty();
    private Optional<ClientEnv> clientEnv = Optional.empty();

    private Builder(String id, ServiceKind kind, String name) {
      this.id = Objects.requireNonNull(id, "a service's id");
      this.kind = Objects.requireNonNull(kind, () -> "the kind of service " + id);
      this.name = Objects.requireNonNull(name, () -> "the name of service " + id);
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /** The id of the node group it runs on. */
    public Builder runsOn(String runsOn) {
      this.runsOn = runsOn;
      return this;
    }

    public Builder origin(Origin origin) {
      this.origin = origin;
      return this;
    }

    public Builder ports(List<PortSpec> ports) {
      this.ports = ports;
      return this;
    }

    /** The ids of the services it uses. */
    public Builder uses(List<String> uses) {
      this.uses = uses;
      return this;
    }

    /** The ids of the secrets it reads. */
    public Builder secrets(List<String> secrets) {
      this.secrets = secrets;
      return this;
    }

    public Builder env(List<EnvSpec> env) {
      this.env = env;
      return this;
    }

    public Builder volumes(List<VolumeSpec> volumes) {
      this.volumes = volumes;
      return this;
    }

    public Builder route(Optional<RouteSpec> route) {
      this.route = route;
      return this;
    }

    public Builder publicReason(Optional<String> publicReason) {
      this.publicReason = publicReason;
      return this;
    }

    public Builder frontDoor(boolean frontDoor) {
      this.frontDoor = frontDoor;
      return this;
    }

    public Builder health(Optional<HealthSpec> health) {
      this.health = health;
      return this;
    }

    public Builder electedTtlSeconds(Optional<Integer> electedTtlSeconds) {
      this.electedTtlSeconds = electedTtlSeconds;
      return this;
    }

    public Builder postgres(Optional<PostgresSpec> postgres) {
      this.postgres = postgres;
      return this;
    }

    public Builder replicasExplicit(boolean replicasExplicit) {
      this.replicasExplicit = replicasExplicit;
      return this;
    }

    public Builder annotationOrigins(Map<String, Origin> annotationOrigins) {
      this.annotationOrigins = annotationOrigins;
      return this;
    }

    public Builder apiProxies(List<ApiProxySpec> apiProxies) {
      this.apiProxies = apiProxies;
      return this;
    }

    public Builder dataEngine(Optional<DataEngineKind> dataEngine) {
      this.dataEngine = dataEngine;
      return this;
    }

    /** The names its users read it under, when not the conventional ones for its kind and name. */
    public Builder clientEnv(ClientEnv clientEnv) {
      this.clientEnv = Optional.of(clientEnv);
      return this;
    }

    public ServiceSpec build() {
      List<String> missing = new ArrayList<>();
      if (image == null) {
        missing.add("image");
      }
      if (replicas == null) {
        missing.add("replicas");
      }
      if (runsOn == null) {
        missing.add("runsOn");
      }
      if (origin == null) {
        missing.add("origin");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "service " + name + " (" + id + ") is built without " + String.join(", ", missing));
      }
      return new ServiceSpec(
          id,
          kind,
          name,
          image,
          replicas,
          ports,
          runsOn,
          uses,
          secrets,
          env,
          volumes,
          route,
          publicReason,
          frontDoor,
          health,
          electedTtlSeconds,
          postgres,
          origin,
          replicasExplicit,
          annotationOrigins,
          apiProxies,
          dataEngine,
          clientEnv.orElseGet(() -> ClientEnv.conventional(kind, clientEnvPrefix(kind, name))));
    }
  }
}
