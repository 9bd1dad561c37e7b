package dev.cluster.processor.read;

import dev.cluster.processor.model.ClusterSpec;
import dev.cluster.processor.model.Images;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.PostgresSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import java.util.List;
import java.util.Optional;

/**
 * The services an app's database annotations stand for: {@code @Postgres} becomes {@code <app>-db}
 * (Patroni members), {@code @Redis} and {@code @MariaDb} become elected singletons with their data on a
 * synced volume. They run on the app's node group and carry the origin of the annotation that asked for
 * them, so a problem with them points at that annotation.
 */
final class DerivedServices {
  static final int ELECTION_TTL_SECONDS = 5;

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

  String id(String suffix) {
    return ownerId + "#" + suffix;
  }

  ServiceSpec postgres(int version, int replicas, boolean synchronous, String database, Origin origin) {
    return derived(
        "db",
        ServiceKind.POSTGRES,
        Images.POSTGRES,
        replicas,
        List.of(new PortSpec(5432, "postgres"), new PortSpec(8008, "patroni")),
        List.of(),
        Optional.empty(),
        Optional.of(new PostgresSpec(version, synchronous, database)),
        List.of(id("db-password")),
        origin);
  }

  ServiceSpec redis(int replicas, int maxMemoryMb, Origin origin) {
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
        origin);
  }

  ServiceSpec mariadb(int replicas, String database, Origin origin) {
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
        origin);
  }

  /** The generated password of a derived database, shared by the database and its app. */
  SecretSpec password(String suffix, Origin origin) {
    String name = ownerName + "-" + suffix + "-password";
    return new SecretSpec(
        id(suffix + "-password"),
        name,
        suffix.equals("db") ? "DB_PASSWORD" : "MYSQL_PASSWORD",
        "Password of " + ownerName + "'s " + suffix + " database in cluster " + cluster.name(),
        origin);
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
      Origin origin) {
    return new ServiceSpec(
        id(suffix),
        kind,
        ownerName + "-" + suffix,
        image,
        replicas,
        ports,
        runsOn,
        List.of(),
        secrets,
        List.of(),
        volumes,
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        electedTtl,
        postgres,
        origin);
  }
}
