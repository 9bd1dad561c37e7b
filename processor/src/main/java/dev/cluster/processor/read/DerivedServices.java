package dev.cluster.processor.read;

import dev.cluster.processor.model.ClientEnv;
import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.ImageVariables;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.PostgresSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The services an app's database annotations stand for: {@code @Postgres} becomes {@code <app>-db}
 * (Patroni members), {@code @Redis} and {@code @MariaDb} become elected singletons with their data
 * on a synced volume. They run on the app's node group and carry the origin of the annotation that
 * asked for them, so a problem with them points at that annotation.
 */
final class DerivedServices {
  static final int ELECTION_TTL_SECONDS = 5;

  /** Patroni's own users, each with its own password, and the variable the members read it from. */
  private static final List<ServerUser> POSTGRES_SERVER_USERS =
      List.of(
          new ServerUser("superuser", "PATRONI_SUPERUSER_PASSWORD"),
          new ServerUser("replication", "PATRONI_REPLICATION_PASSWORD"),
          new ServerUser("rewind", "PATRONI_REWIND_PASSWORD"));

  private record ServerUser(String user, String variable) {}

  private final ClusterSpec cluster;
  private final String ownerId;
  private final String ownerName;
  private final String runsOn;

  DerivedServices(ClusterSpec cluster, String ownerId, String ownerName, String runsOn) {
    this.cluster = cluster;
    this.ownerId = ownerId;
    this.ownerName = ownerName;
    this.runsOn = runsOn;
  }

  /**
   * Databases on one node group would all claim their engine's ports on a shared machine: each (in
   * name order) takes its engine's ports plus the smallest offset that no app and no earlier
   * database of the group has taken. Apps reach databases through ambassadors, so no app ever sees
   * these numbers.
   */
  static List<ServiceSpec> spreadPorts(List<ServiceSpec> services) {
    Map<String, Set<Integer>> taken = new HashMap<>();
    services.stream()
        .filter(s -> s.kind() == ServiceKind.APP)
        .forEach(
            s ->
                s.ports()
                    .forEach(
                        p ->
                            taken
                                .computeIfAbsent(s.runsOn(), g -> new HashSet<>())
                                .add(p.number())));
    Map<String, ServiceSpec> spread = new HashMap<>();
    services.stream()
        .filter(s -> s.kind() != ServiceKind.APP)
        .sorted(Comparator.comparing(ServiceSpec::name))
        .forEach(
            s -> {
              Set<Integer> groupPorts = taken.computeIfAbsent(s.runsOn(), g -> new HashSet<>());
              int offset = 0;
              while (offsetClashes(s, offset, groupPorts)) {
                offset++;
              }
              int chosen = offset;
              List<PortSpec> ports =
                  s.ports().stream()
                      .map(
                          p ->
                              new PortSpec(
                                  p.number() + chosen,
                                  p.name(),
                                  p.protocol(),
                                  p.openToParameter(),
                                  p.origin()))
                      .toList();
              ports.forEach(p -> groupPorts.add(p.number()));
              spread.put(s.id(), s.withPorts(ports));
            });
    return services.stream().map(s -> spread.getOrDefault(s.id(), s)).toList();
  }

  private static boolean offsetClashes(ServiceSpec service, int offset, Set<Integer> taken) {
    return service.ports().stream().anyMatch(p -> taken.contains(p.number() + offset));
  }

  String id(String suffix) {
    return ownerId + "#" + suffix;
  }

  /**
   * {@code <app>-db}: Patroni members whose superuser, replication and rewind users each have their
   * own secret, which only the members read, and the app's own role ({@link PostgresSpec#role()})
   * with the secret the app shares with them.
   */
  ServiceSpec postgres(
      int version,
      int replicas,
      boolean synchronous,
      String database,
      ClientEnv written,
      Origin origin) {
    String role = ownerName.replace('-', '_');
    return derived(
            "db",
            ServiceKind.POSTGRES,
            Images.POSTGRES,
            replicas,
            List.of(new PortSpec(5432, "postgres"), new PortSpec(8008, "patroni")),
            List.of(),
            Optional.empty(),
            Optional.of(new PostgresSpec(version, synchronous, database, role)),
            Stream.concat(
                    Stream.of(id("db-password")),
                    POSTGRES_SERVER_USERS.stream()
                        .map(server -> id("db-" + server.user() + "-password")))
                .toList(),
            List.of(),
            origin)
        .withClientEnv(ClientEnv.conventional(ServiceKind.POSTGRES, "DB").renamedBy(written));
  }

  /**
   * The secrets of {@link #postgres}'s database: the app's password, then one per user of Patroni's
   * own.
   */
  List<SecretSpec> postgresSecrets(ServiceSpec db, Origin origin) {
    List<SecretSpec> secrets = new ArrayList<>(List.of(appPassword(db, origin)));
    POSTGRES_SERVER_USERS.forEach(
        server ->
            secrets.add(
                new SecretSpec(
                    id("db-" + server.user() + "-password"),
                    ownerName + "-db-" + server.user() + "-password",
                    server.variable(),
                    "Password of the "
                        + server.user()
                        + " user of "
                        + ownerName
                        + "'s db database in cluster "
                        + cluster.name()
                        + "; only its members read it",
                    origin,
                    true)));
    return secrets;
  }

  ServiceSpec redis(int replicas, int maxMemoryMb, ClientEnv written, Origin origin) {
    return derived(
            "redis",
            ServiceKind.REDIS,
            Images.REDIS,
            replicas,
            List.of(new PortSpec(6379, "redis")),
            List.of(new VolumeSpec("/data", VolumeSpec.SyncEngine.SYNCTHING, origin)),
            Optional.of(ELECTION_TTL_SECONDS),
            Optional.empty(),
            List.of(),
            List.of(),
            origin)
        .withClientEnv(ClientEnv.conventional(ServiceKind.REDIS, "REDIS").renamedBy(written));
  }

  ServiceSpec mariadb(int replicas, String database, ClientEnv written, Origin origin) {
    return derived(
            "mariadb",
            ServiceKind.MARIADB,
            Images.MARIADB,
            replicas,
            List.of(new PortSpec(3306, "mysql")),
            List.of(new VolumeSpec("/var/lib/mysql", VolumeSpec.SyncEngine.SYNCTHING, origin)),
            Optional.of(ELECTION_TTL_SECONDS),
            Optional.empty(),
            List.of(id("mariadb-password")),
            // the image creates this user, with every right on this database only, on its first
            // start
            List.of(
                new EnvSpec(ImageVariables.MARIADB_DATABASE, database),
                new EnvSpec(ImageVariables.MARIADB_USER, database)),
            origin)
        .withClientEnv(ClientEnv.conventional(ServiceKind.MARIADB, "MYSQL").renamedBy(written));
  }

  /** The id of the password a derived database shares with its app: the app's own user's. */
  String appPasswordId(ServiceSpec db) {
    return db.id() + "-password";
  }

  /**
   * The generated password of the app's own user of a derived database, which the database and its
   * app share; the app reads it under its {@code @DbEnv}'s password name.
   */
  SecretSpec appPassword(ServiceSpec db, Origin origin) {
    String suffix = db.id().substring(db.id().indexOf('#') + 1);
    return new SecretSpec(
        appPasswordId(db),
        ownerName + "-" + suffix + "-password",
        db.clientEnv().password(),
        "Password of "
            + ownerName
            + "'s own user of its "
            + suffix
            + " database in cluster "
            + cluster.name(),
        origin,
        true);
  }

  private ServiceSpec derived(
      String suffix,
      ServiceKind kind,
      String image,
      int replicas,
      List<PortSpec> ports,
      List<VolumeSpec> volumes,
      Optional<Integer> electedTtl,
      Optional<PostgresSpec> postgres,
      List<String> secrets,
      List<EnvSpec> env,
      Origin origin) {
    return ServiceSpec.builder(id(suffix), kind, ownerName + "-" + suffix)
        .image(image)
        .replicas(replicas)
        .ports(ports)
        .runsOn(runsOn)
        .secrets(secrets)
        .env(env)
        .volumes(volumes)
        .electedTtlSeconds(electedTtl)
        .postgres(postgres)
        .origin(origin)
        .build();
  }
}
