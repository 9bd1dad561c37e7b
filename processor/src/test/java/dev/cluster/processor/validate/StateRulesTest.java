package dev.cluster.processor.validate;

import dev.cluster.processor.testing.ClusterSources;
import org.junit.jupiter.api.Test;

/** Rules on state: synced volumes, stateful services on autoscaling groups, Postgres members. */
class StateRulesTest {

  private static ClusterSources withWeb(String annotations) {
    return ClusterSources.valid().with("Web", annotations + "\npublic class Web {}\n");
  }

  @Test
  void relativeVolumePathIsAnErrorOnPath() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @BtsyncVolume(
            path = "data")""");
    Expect.error(
        sources,
        "Web",
        "[volume-path] path = \"data\" of service web must be an absolute path",
        "path = ");
  }

  @Test
  void volumePathWithDotDotIsAnError() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @BtsyncVolume(
            path = "/data/../etc")""");
    Expect.error(
        sources,
        "Web",
        "[volume-path] path = \"/data/../etc\" of service web must be an absolute path",
        "path = ");
  }

  @Test
  void nestedVolumesAreAnErrorOnTheInnerOnesPath() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @BtsyncVolume(path = "/data")
        @BtsyncVolume(path = "/data/git")""");
    Expect.error(
        sources,
        "Web",
        "[volume-overlap] path = \"/data/git\" overlaps volume /data of service web",
        "\"/data/git\"");
  }

  @Test
  void theSameVolumeTwiceIsAnErrorOnTheSecond() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @BtsyncVolume(path = "/data")
        @BtsyncVolume(path = "/data", engine = SyncEngine.SYNCTHING)""");
    Expect.error(
        sources,
        "Web",
        "[volume-overlap] path = \"/data\" is synced already by volume /data",
        "SyncEngine.SYNCTHING");
  }

  @Test
  void btsyncVolumeIsAnErrorOnTheEngine() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @BtsyncVolume(path = "/data",
            engine = SyncEngine.BTSYNC)""");
    Expect.error(
        sources,
        "Web",
        "[volume-engine] engine = BTSYNC of volume /data of service web: btsync/Resilio is"
            + " not supported by the runtime's volume agent; use SYNCTHING",
        "engine = ");
  }

  @Test
  void siblingVolumesAreFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class)
        @BtsyncVolume(path = "/data")
        @BtsyncVolume(path = "/database")"""));
  }

  @Test
  void electedServiceWithoutStateOnAnAutoscalingGroupIsAWarning() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class, ports = @Port(8080))
        @Elected""");
    Expect.warning(
        sources,
        "Web",
        "[stateful-worker] service web is @Elected, so it keeps state, but has no @BtsyncVolume and uses no database, and WORKER node group workers scales in from 4 to 2 machines",
        "@Elected");
  }

  @Test
  void electedServiceWithASyncedVolumeIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class, ports = @Port(8080))
        @Elected
        @BtsyncVolume(path = "/data")"""));
  }

  @Test
  void electedServiceWithADatabaseIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", replicas = 2, runsOn = Workers.class, ports = @Port(8080))
        @Elected
        @Redis"""));
  }

  @Test
  void postgresOfTwoMembersIsAWarningOnReplicas() {
    ClusterSources sources =
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Postgres(
            replicas = 2)""");
    Expect.warning(
        sources,
        "Web",
        "[postgres-replicas] replicas = 2 but web-db needs at least 3 Patroni members on distinct machines",
        "replicas = 2");
  }

  @Test
  void postgresOfThreeMembersIsFine() {
    Expect.clean(
        withWeb(
            """
        @Service(image = "example/web:1.0", runsOn = Workers.class, ports = @Port(8080))
        @Postgres(replicas = 3)"""));
  }
}
