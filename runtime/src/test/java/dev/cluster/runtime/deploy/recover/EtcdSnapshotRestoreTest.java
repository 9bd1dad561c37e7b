package dev.cluster.runtime.deploy.recover;

import static dev.cluster.runtime.etcd.Etcd.bytes;
import static dev.cluster.runtime.etcd.Etcd.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.NodeScripts;
import io.etcd.jetcd.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MAIN machines' {@code etcd-snapshot} and {@code etcd-restore} against real etcd members: a
 * snapshot of a running 3-member cluster (with the v2 API on, as fleet needs it) restores into a
 * fresh member that serves its keys, and a snapshot of another cluster is refused before anything
 * is touched.
 */
class EtcdSnapshotRestoreTest {

  @RegisterExtension
  static final EtcdCluster SOURCE = new EtcdCluster(3, List.of("--enable-v2=true"));

  @TempDir Path work;

  private Path snapshot(String cluster) throws Exception {
    Path file = work.resolve(cluster + "-snapshot.tar.gz");
    NodeScripts.Run run =
        NodeScripts.run(
            "etcd-snapshot",
            Map.of("CLUSTER", cluster, "ETCD_ENDPOINT", SOURCE.clientUrl(0)),
            file.toString());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().startsWith("wrote " + file), run.output());
    return file;
  }

  @Test
  void aSnapshotRestoresIntoAFreshMemberThatServesItsKeys() throws Exception {
    try (Client source = SOURCE.client()) {
      source
          .getKVClient()
          .put(bytes("/services/gerrit/instances/1"), bytes("{\"host\":\"10.0.0.7\"}"))
          .get(5, TimeUnit.SECONDS);
      source
          .getKVClient()
          .put(bytes("/service/pg/initialize"), bytes("7420151234567890"))
          .get(5, TimeUnit.SECONDS);
    }
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        SOURCE.clientUrl(1)
                            + "/v2/keys/_coreos.com/fleet/job/gerrit@1.service/target-state"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofString("value=launched"))
                .build(),
            HttpResponse.BodyHandlers.discarding());

    Path file = snapshot("team");
    SnapshotArchive archive = new SnapshotArchive(file);
    assertEquals("team", archive.cluster());
    String fleetKeys = new String(archive.fleetKeys(), StandardCharsets.UTF_8);
    assertTrue(
        fleetKeys.contains(
            "\"key\":\"/_coreos.com/fleet/job/gerrit@1.service/target-state\",\"value\":\"launched\""),
        "fleet's v2 keys, which a v3 snapshot does not hold: " + fleetKeys);

    try (EtcdCluster fresh = new EtcdCluster(1)) {
      fresh.start();
      fresh.destroyAll();
      NodeScripts.Run restore =
          NodeScripts.run(
              "etcd-restore",
              Map.of(
                  "CLUSTER",
                  "team",
                  "ETCD_DATA_DIR",
                  fresh.dataDir(0).toString(),
                  "ETCD_NAME",
                  fresh.name(0),
                  "ETCD_INITIAL_CLUSTER",
                  fresh.initialCluster()),
              "data",
              file.toString());
      assertEquals(0, restore.exitCode(), restore.output());
      assertTrue(
          restore
              .output()
              .contains("restored member m0 into " + fresh.dataDir(0) + " (cluster token team-"),
          restore.output());

      fresh.start(0);
      fresh.awaitHealthy();
      try (Client restored = fresh.client()) {
        assertEquals(
            "{\"host\":\"10.0.0.7\"}",
            text(
                restored
                    .getKVClient()
                    .get(bytes("/services/gerrit/instances/1"))
                    .get(5, TimeUnit.SECONDS)
                    .getKvs()
                    .get(0)
                    .getValue()));
        assertEquals(
            "7420151234567890",
            text(
                restored
                    .getKVClient()
                    .get(bytes("/service/pg/initialize"))
                    .get(5, TimeUnit.SECONDS)
                    .getKvs()
                    .get(0)
                    .getValue()));
        restored.getKVClient().put(bytes("/after/restore"), bytes("yes")).get(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anotherClustersSnapshotIsRefusedBeforeTheDataDirIsTouched() throws Exception {
    Path file = snapshot("other");
    Path dataDir = Files.createDirectories(work.resolve("etcd"));
    Files.writeString(dataDir.resolve("member-data"), "this cluster's");

    NodeScripts.Run restore =
        NodeScripts.run(
            "etcd-restore",
            Map.of(
                "CLUSTER",
                "team",
                "ETCD_DATA_DIR",
                dataDir.toString(),
                "ETCD_NAME",
                "m0",
                "ETCD_INITIAL_CLUSTER",
                "m0=http://127.0.0.1:2380"),
            "data",
            file.toString());

    assertEquals(1, restore.exitCode(), restore.output());
    assertEquals(
        "etcd-restore: "
            + file
            + " is a snapshot of cluster other, not of team: refusing to restore it\n",
        restore.output());
    assertEquals("this cluster's", Files.readString(dataDir.resolve("member-data")));
    try (Stream<Path> siblings = Files.list(work)) {
      assertFalse(
          siblings.anyMatch(p -> p.getFileName().toString().contains("before-restore")),
          "nothing moved aside");
    }
  }

  @Test
  void onTheTimerOnlyTheLeaderTakesASnapshot() {
    int follower = (SOURCE.leader() + 1) % 3;
    NodeScripts.Run run =
        NodeScripts.run(
            "etcd-snapshot",
            Map.of("CLUSTER", "team", "ETCD_ENDPOINT", SOURCE.clientUrl(follower)));
    assertEquals(0, run.exitCode(), run.output());
    assertEquals(
        "this member is not etcd's leader: the leader takes the snapshot\n",
        run.output(),
        "read from etcd's own JSON status; no metadata service, no upload");
  }
}
