package dev.cluster.processor.read;

import dev.cluster.annotations.ApiProxies;
import dev.cluster.annotations.ApiProxy;
import dev.cluster.annotations.AuthGateway;
import dev.cluster.annotations.BtsyncVolume;
import dev.cluster.annotations.BtsyncVolumes;
import dev.cluster.annotations.Cluster;
import dev.cluster.annotations.DataEngine;
import dev.cluster.annotations.Elected;
import dev.cluster.annotations.FrontDoor;
import dev.cluster.annotations.Group;
import dev.cluster.annotations.Health;
import dev.cluster.annotations.IdentityProvider;
import dev.cluster.annotations.MariaDb;
import dev.cluster.annotations.NodeGroup;
import dev.cluster.annotations.OidcClient;
import dev.cluster.annotations.Postgres;
import dev.cluster.annotations.Public;
import dev.cluster.annotations.ReadsAccounts;
import dev.cluster.annotations.Redis;
import dev.cluster.annotations.Route;
import dev.cluster.annotations.Secret;
import dev.cluster.annotations.Service;
import dev.cluster.processor.diag.AnnotationOrigin;
import dev.cluster.processor.model.ApiProxySpec;
import dev.cluster.processor.model.ClientEnv;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.DataEngineKind;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.GroupSpec;
import dev.cluster.processor.model.HealthSpec;
import dev.cluster.processor.model.Names;
import dev.cluster.processor.model.NodeGroupSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.Role;
import dev.cluster.processor.model.RouteSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Reads a cluster's annotated classes into a {@link ClusterModel}. It only reads: whatever is wrong
 * with the values is left for validation to report, so every independent mistake is reported in one
 * build.
 */
public final class ModelReader {
  /** The annotations that make a class a member of its package's cluster. */
  public static final Set<String> MEMBER_ANNOTATIONS =
      Set.of(
          Cluster.class.getCanonicalName(),
          NodeGroup.class.getCanonicalName(),
          Service.class.getCanonicalName(),
          Secret.class.getCanonicalName(),
          Group.class.getCanonicalName());

  private final Elements elements;
  private final Mirrors mirrors;

  public ModelReader(Elements elements) {
    this.elements = elements;
    this.mirrors = new Mirrors(elements);
  }

  /** Reads the cluster declared by {@code clusterType} with the member classes of its package. */
  public ClusterModel read(TypeElement clusterType, List<TypeElement> members) {
    List<NodeGroupSpec> groups = new ArrayList<>();
    List<ServiceSpec> services = new ArrayList<>();
    List<SecretSpec> secrets = new ArrayList<>();
    List<GroupSpec> accountGroups = new ArrayList<>();
    ClusterSpec cluster = readCluster(clusterType);
    List<OidcDerivation.ProviderMark> providers = new ArrayList<>();
    List<OidcDerivation.ClientMark> oidcClients = new ArrayList<>();
    for (TypeElement type : members) {
      Mirrors.find(type, NodeGroup.class.getCanonicalName())
          .ifPresent(m -> groups.add(readNodeGroup(type, m)));
      Mirrors.find(type, Secret.class.getCanonicalName())
          .ifPresent(m -> secrets.add(readSecret(type, m)));
      Mirrors.find(type, Group.class.getCanonicalName())
          .ifPresent(m -> accountGroups.add(readGroup(type, m)));
      Mirrors.find(type, Service.class.getCanonicalName())
          .ifPresent(m -> readService(cluster, type, m, services, secrets));
      if (Mirrors.find(type, Service.class.getCanonicalName()).isPresent()) {
        readIdentityMarks(type, providers, oidcClients);
      }
    }
    FrontDoorUses.apply(services);
    var identity =
        new OidcDerivation(cluster).apply(providers, oidcClients, services, secrets, accountGroups);
    FrontDoorProofKeys.apply(cluster, identity, services, secrets, accountGroups);
    return new ClusterModel(
        cluster, groups, DerivedServices.spreadPorts(services), secrets, accountGroups, identity);
  }

  /** Every class of the cluster's package that carries one of {@link #MEMBER_ANNOTATIONS}. */
  public List<TypeElement> membersOf(TypeElement clusterType) {
    return elements.getPackageOf(clusterType).getEnclosedElements().stream()
        .filter(e -> e instanceof TypeElement)
        .map(e -> (TypeElement) e)
        .filter(ModelReader::isMember)
        .toList();
  }

  public static boolean isMember(Element type) {
    return MEMBER_ANNOTATIONS.stream().anyMatch(a -> Mirrors.find(type, a).isPresent());
  }

  private ClusterSpec readCluster(TypeElement type) {
    AnnotationMirror m = Mirrors.find(type, Cluster.class.getCanonicalName()).orElseThrow();
    return new ClusterSpec(
        id(type),
        elements.getPackageOf(type).getQualifiedName().toString(),
        mirrors.string(m, "name"),
        mirrors.string(m, "domain"),
        mirrors.string(m, "region"),
        mirrors.strings(m, "zones"),
        mirrors.string(m, "vpcCidr"),
        mirrors.integer(m, "securityGroupRuleQuota"),
        new AnnotationOrigin(type, m));
  }

  private NodeGroupSpec readNodeGroup(TypeElement type, AnnotationMirror m) {
    return new NodeGroupSpec(
        id(type),
        nameOr(mirrors.string(m, "name"), type),
        Role.valueOf(mirrors.enumConstant(m, "role")),
        mirrors.strings(m, "instanceTypes"),
        mirrors.integer(m, "size"),
        mirrors.integer(m, "min"),
        mirrors.integer(m, "max"),
        mirrors.integer(m, "diskGb"),
        new AnnotationOrigin(type, m));
  }

  private SecretSpec readSecret(TypeElement type, AnnotationMirror m) {
    String name = nameOr(mirrors.string(m, "name"), type);
    String env = mirrors.string(m, "env");
    return new SecretSpec(
        id(type),
        name,
        env.isEmpty() ? Names.envName(name) : env,
        mirrors.string(m, "description"),
        new AnnotationOrigin(type, m));
  }

  private GroupSpec readGroup(TypeElement type, AnnotationMirror m) {
    return new GroupSpec(
        id(type),
        nameOr(mirrors.string(m, "name"), type),
        mirrors.string(m, "description"),
        mirrors.bool(m, "machineLogin"),
        mirrors.strings(m, "machineGroups"),
        new AnnotationOrigin(type, m));
  }

  private void readService(
      ClusterSpec cluster,
      TypeElement type,
      AnnotationMirror m,
      List<ServiceSpec> services,
      List<SecretSpec> secrets) {
    AnnotationOrigin origin = new AnnotationOrigin(type, m);
    String name = nameOr(mirrors.string(m, "name"), type);
    String runsOn = mirrors.typeName(m, "runsOn");
    List<String> uses = new ArrayList<>(mirrors.typeNames(m, "uses"));
    List<String> secretIds = new ArrayList<>(mirrors.typeNames(m, "secrets"));
    DerivedServices derived = new DerivedServices(cluster, id(type), name, runsOn);

    Mirrors.find(type, Postgres.class.getCanonicalName())
        .ifPresent(
            pg -> {
              AnnotationOrigin pgOrigin = new AnnotationOrigin(type, pg);
              String database = mirrors.string(pg, "database");
              ServiceSpec db =
                  derived.postgres(
                      mirrors.integer(pg, "version"),
                      mirrors.integer(pg, "replicas"),
                      mirrors.bool(pg, "synchronous"),
                      database.isEmpty() ? name.replace('-', '_') : database,
                      readDbEnv(pg),
                      pgOrigin);
              services.add(db);
              secrets.addAll(derived.postgresSecrets(db, pgOrigin));
              uses.add(db.id());
              secretIds.add(derived.appPasswordId(db));
            });
    Mirrors.find(type, Redis.class.getCanonicalName())
        .ifPresent(
            redis -> {
              ServiceSpec cache =
                  derived.redis(
                      mirrors.integer(redis, "replicas"),
                      mirrors.integer(redis, "maxMemoryMb"),
                      readDbEnv(redis),
                      new AnnotationOrigin(type, redis));
              services.add(cache);
              uses.add(cache.id());
            });
    Mirrors.find(type, MariaDb.class.getCanonicalName())
        .ifPresent(
            maria -> {
              AnnotationOrigin mariaOrigin = new AnnotationOrigin(type, maria);
              String database = mirrors.string(maria, "database");
              ServiceSpec db =
                  derived.mariadb(
                      mirrors.integer(maria, "replicas"),
                      database.isEmpty() ? name.replace('-', '_') : database,
                      readDbEnv(maria),
                      mariaOrigin);
              services.add(db);
              SecretSpec password = derived.appPassword(db, mariaOrigin);
              secrets.add(password);
              uses.add(db.id());
              secretIds.add(password.id());
            });

    services.add(
        ServiceSpec.builder(id(type), ServiceKind.APP, name)
            .image(mirrors.string(m, "image"))
            .replicas(mirrors.integer(m, "replicas"))
            .replicasExplicit(Mirrors.isExplicit(m, "replicas"))
            .ports(mirrors.annotations(m, "ports").stream().map(p -> readPort(type, p)).toList())
            .runsOn(runsOn)
            .uses(uses)
            .secrets(secretIds)
            .env(
                mirrors.annotations(m, "env").stream()
                    .map(e -> new EnvSpec(mirrors.string(e, "name"), mirrors.string(e, "value")))
                    .toList())
            .volumes(
                mirrors
                    .findRepeated(
                        type,
                        BtsyncVolume.class.getCanonicalName(),
                        BtsyncVolumes.class.getCanonicalName())
                    .stream()
                    .map(
                        v ->
                            new VolumeSpec(
                                mirrors.string(v, "path"),
                                VolumeSpec.SyncEngine.valueOf(mirrors.enumConstant(v, "engine")),
                                new AnnotationOrigin(type, v)))
                    .toList())
            .route(
                Mirrors.find(type, Route.class.getCanonicalName())
                    .map(r -> readRoute(type, r, name)))
            .publicReason(
                Mirrors.find(type, Public.class.getCanonicalName())
                    .map(p -> mirrors.string(p, "reason")))
            .frontDoor(Mirrors.find(type, FrontDoor.class.getCanonicalName()).isPresent())
            .health(
                Mirrors.find(type, Health.class.getCanonicalName())
                    .map(
                        h -> new HealthSpec(mirrors.string(h, "path"), mirrors.integer(h, "port"))))
            .electedTtlSeconds(
                Mirrors.find(type, Elected.class.getCanonicalName())
                    .map(e -> mirrors.integer(e, "ttlSeconds")))
            .origin(origin)
            .annotationOrigins(annotationOrigins(type))
            .apiProxies(
                mirrors
                    .findRepeated(
                        type,
                        ApiProxy.class.getCanonicalName(),
                        ApiProxies.class.getCanonicalName())
                    .stream()
                    .map(a -> readApiProxy(type, a))
                    .toList())
            .dataEngine(
                Mirrors.find(type, DataEngine.class.getCanonicalName())
                    .map(d -> DataEngineKind.valueOf(mirrors.enumConstant(d, "value"))))
            .build());
  }

  /**
   * A database annotation's {@code env = @DbEnv(...)} as written: empty names where it keeps the
   * conventional ones.
   */
  private ClientEnv readDbEnv(AnnotationMirror database) {
    AnnotationMirror env = mirrors.annotation(database, "env");
    return new ClientEnv(
        mirrors.string(env, "host"),
        mirrors.string(env, "port"),
        mirrors.string(env, "user"),
        mirrors.string(env, "password"),
        mirrors.string(env, "database"),
        mirrors.string(env, "url"));
  }

  private void readIdentityMarks(
      TypeElement type,
      List<OidcDerivation.ProviderMark> providers,
      List<OidcDerivation.ClientMark> clients) {
    Mirrors.find(type, IdentityProvider.class.getCanonicalName())
        .ifPresent(
            m ->
                providers.add(
                    new OidcDerivation.ProviderMark(
                        id(type), mirrors.string(m, "realm"), new AnnotationOrigin(type, m))));
    boolean readsAccounts = Mirrors.find(type, ReadsAccounts.class.getCanonicalName()).isPresent();
    Optional<String> keysToken =
        Mirrors.find(type, ReadsAccounts.class.getCanonicalName())
            .map(m -> mirrors.typeName(m, "authorizedKeysToken"))
            .filter(name -> !name.equals("void"));
    Optional<AnnotationMirror> oidc = Mirrors.find(type, OidcClient.class.getCanonicalName());
    Optional<AnnotationMirror> gateway = Mirrors.find(type, AuthGateway.class.getCanonicalName());
    Optional<AnnotationMirror> signIn = gateway.or(() -> oidc);
    if (signIn.isPresent()) {
      clients.add(
          new OidcDerivation.ClientMark(
              id(type),
              mirrors.string(signIn.get(), "redirectPath"),
              gateway.isPresent(),
              true,
              readsAccounts,
              keysToken,
              new AnnotationOrigin(type, signIn.get())));
    } else if (readsAccounts) {
      AnnotationMirror m = Mirrors.find(type, ReadsAccounts.class.getCanonicalName()).orElseThrow();
      clients.add(
          new OidcDerivation.ClientMark(
              id(type), "", false, false, true, keysToken, new AnnotationOrigin(type, m)));
    }
  }

  private static Map<String, Origin> annotationOrigins(TypeElement type) {
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      origins.put(
          mirror.getAnnotationType().asElement().getSimpleName().toString(),
          new AnnotationOrigin(type, mirror));
    }
    return origins;
  }

  private ApiProxySpec readApiProxy(TypeElement type, AnnotationMirror a) {
    return new ApiProxySpec(
        mirrors.string(a, "prefix"),
        mirrors.string(a, "upstream"),
        mirrors.typeName(a, "key"),
        mirrors.enumConstant(a, "keyIn").toLowerCase(Locale.ROOT),
        mirrors.string(a, "keyName"),
        mirrors.integer(a, "cacheSeconds"),
        mirrors.strings(a, "methods"),
        mirrors.strings(a, "paths"),
        mirrors.integer(a, "ratePerMinute"),
        new AnnotationOrigin(type, a));
  }

  private PortSpec readPort(TypeElement type, AnnotationMirror p) {
    return new PortSpec(
        mirrors.integer(p, "value"),
        mirrors.string(p, "name"),
        mirrors.enumConstant(p, "protocol").toLowerCase(Locale.ROOT),
        mirrors.string(p, "openToParameter"),
        new AnnotationOrigin(type, p));
  }

  private RouteSpec readRoute(TypeElement type, AnnotationMirror r, String serviceName) {
    String subdomain = mirrors.string(r, "subdomain");
    return new RouteSpec(
        subdomain.isEmpty() ? serviceName : subdomain,
        mirrors.integer(r, "port"),
        mirrors.typeNames(r, "allow"),
        mirrors.integer(r, "maxBodyMb"),
        mirrors.strings(r, "openPaths"),
        new AnnotationOrigin(type, r));
  }

  private static String id(TypeElement type) {
    return type.getQualifiedName().toString();
  }

  private static String nameOr(String declared, TypeElement type) {
    return declared.isEmpty() ? Names.kebab(type.getSimpleName().toString()) : declared;
  }
}
