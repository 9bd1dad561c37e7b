package dev.cluster.processor.generate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cluster.processor.generate.GeneratedFile;
import dev.cluster.processor.generate.config.ConfigGenerator;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.EnvSpec;
import dev.cluster.processor.model.HealthSpec;
import dev.cluster.processor.model.Origin;
import dev.cluster.processor.model.PortSpec;
import dev.cluster.processor.model.PostgresSpec;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceKind;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.model.VolumeSpec;
import dev.cluster.processor.testing.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every unit and config of a small model that uses each feature once, byte for byte against {@code
 * src/test/resources/golden/units-and-configs/}: an app with a Postgres database, a Redis, an
 * elected service with two ports it uses, a synced volume, secrets and a health check; an elected
 * service with a synced volume on the MAIN group; a public front door that also uses a DATA group's
 * service (its ambassador follows the presence the DATA machines announce).
 */
class UnitsAndConfigsGoldenTest {
  private static final String DEMO = "cluster/demo/";

  private static ServiceSpec service(
      String name,
      ServiceKind kind,
      String group,
      int replicas,
      List<PortSpec> ports,
      List<String> uses,
      List<String> secrets,
      List<EnvSpec> env,
      List<VolumeSpec> volumes,
      boolean frontDoor,
      Optional<String> publicReason,
      Optional<HealthSpec> health,
      Optional<Integer> electedTtl,
      Optional<PostgresSpec> postgres) {
    return ServiceSpec.builder("m." + name, kind, name)
        .image(
            kind == ServiceKind.APP
                ? "example/" + name + ":1.0"
                : "dev-cluster/" + kind.name().toLowerCase() + ":1")
        .replicas(replicas)
        .ports(ports)
        .runsOn("m." + group)
        .uses(uses)
        .secrets(secrets)
        .env(env)
        .volumes(volumes)
        .publicReason(publicReason)
        .frontDoor(frontDoor)
        .health(health)
        .electedTtlSeconds(electedTtl)
        .postgres(postgres)
        .origin(Origin.NONE)
        .build();
  }

  static ClusterModel model() {
    ServiceSpec web =
        service(
            "web",
            ServiceKind.APP,
            "workers",
            2,
            List.of(new PortSpec(8080, "http")),
            List.of("m.api", "m.web-db", "m.web-redis"),
            List.of("m.web-db-password", "m.api-key"),
            List.of(new EnvSpec("JAVA_OPTS", "-Xmx1g -Dgreeting=\"100% $HOME\"")),
            List.of(new VolumeSpec("/data/uploads", VolumeSpec.SyncEngine.SYNCTHING, Origin.NONE)),
            false,
            Optional.empty(),
            Optional.of(new HealthSpec("/healthz", 0)),
            Optional.empty(),
            Optional.empty());
    ServiceSpec webDb =
        service(
            "web-db",
            ServiceKind.POSTGRES,
            "workers",
            3,
            List.of(new PortSpec(5432, "postgres"), new PortSpec(8008, "patroni")),
            List.of(),
            List.of(
                "m.web-db-password",
                "m.web-db-superuser-password",
                "m.web-db-replication-password",
                "m.web-db-rewind-password"),
            List.of(),
            List.of(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new PostgresSpec(17, true, "web", "web")));
    ServiceSpec webRedis =
        service(
            "web-redis",
            ServiceKind.REDIS,
            "workers",
            2,
            List.of(new PortSpec(6379, "redis")),
            List.of(),
            List.of(),
            List.of(),
            List.of(new VolumeSpec("/data", VolumeSpec.SyncEngine.SYNCTHING, Origin.NONE)),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.of(5),
            Optional.empty());
    ServiceSpec api =
        service(
            "api",
            ServiceKind.APP,
            "main",
            2,
            List.of(new PortSpec(9000, "grpc"), new PortSpec(9001, "admin")),
            List.of(),
            List.of(),
            List.of(),
            List.of(new VolumeSpec("/state", VolumeSpec.SyncEngine.SYNCTHING, Origin.NONE)),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.of(7),
            Optional.empty());
    ServiceSpec front =
        service(
            "front",
            ServiceKind.APP,
            "workers",
            2,
            List.of(new PortSpec(80, "http"), new PortSpec(443, "https")),
            List.of("m.web", "m.search"),
            List.of(),
            List.of(),
            List.of(),
            true,
            Optional.of("the front door"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    ServiceSpec search =
        service(
            "search",
            ServiceKind.APP,
            "data",
            1,
            List.of(new PortSpec(9200, "http")),
            List.of(),
            List.of("m.api-key"),
            List.of(new EnvSpec("ES_JAVA_OPTS", "-Xms1g -Xmx1g")),
            List.of(),
            false,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    List<SecretSpec> secrets =
        List.of(
            new SecretSpec(
                "m.web-db-password",
                "web-db-password",
                "DB_PASSWORD",
                "web's database",
                Origin.NONE),
            new SecretSpec(
                "m.web-db-superuser-password",
                "web-db-superuser-password",
                "PATRONI_SUPERUSER_PASSWORD",
                "web's database's superuser",
                Origin.NONE),
            new SecretSpec(
                "m.web-db-replication-password",
                "web-db-replication-password",
                "PATRONI_REPLICATION_PASSWORD",
                "web's database's replication user",
                Origin.NONE),
            new SecretSpec(
                "m.web-db-rewind-password",
                "web-db-rewind-password",
                "PATRONI_REWIND_PASSWORD",
                "web's database's rewind user",
                Origin.NONE),
            new SecretSpec("m.api-key", "api-key", "API_KEY", "the upstream's key", Origin.NONE));
    return new ClusterModel(
        Models.cluster(),
        List.of(Models.main(), Models.workers(), Models.data()),
        List.of(web, webDb, webRedis, api, front, search),
        secrets,
        List.of());
  }

  @Test
  void unitsAndConfigsMatchTheGoldenFiles() {
    ClusterModel model = model();
    List<GeneratedFile> files = new ArrayList<>();
    files.addAll(new FleetUnitsGenerator().generate(model));
    files.addAll(new ConfigGenerator().generate(model));
    model.services().stream()
        .filter(s -> !model.runsOnFleet(s))
        .flatMap(s -> DataNodeUnit.of(model, s).stream())
        .forEach(u -> files.add(GeneratedFile.text(DEMO + "nodes/data/" + u.name(), u.render())));
    GoldenFiles.assertMatch("units-and-configs", DEMO, files);
  }

  @Test
  void theGoldenModelsUnitsAreValidForFleet() {
    assertEquals(List.of(), FleetUnitsGenerator.problems(model()));
  }

  @Test
  void generatingTwiceGivesTheSameBytes() {
    List<GeneratedFile> one = new FleetUnitsGenerator().generate(model());
    List<GeneratedFile> two = new FleetUnitsGenerator().generate(model());
    assertEquals(
        one.stream().map(GeneratedFile::text).toList(),
        two.stream().map(GeneratedFile::text).toList());
  }
}
