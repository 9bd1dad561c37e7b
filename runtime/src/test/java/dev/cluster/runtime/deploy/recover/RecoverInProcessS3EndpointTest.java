package dev.cluster.runtime.deploy.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.ExampleCredentials;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessS3Endpoint;
import dev.cluster.runtime.deploy.fleet.FleetClient;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import dev.cluster.runtime.deploy.fleet.UnitOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recover} through the real AWS SDK against in-process S3 and CloudFormation endpoints (not
 * AWS) and an in-process server following fleet's API (not fleet).
 */
@ExtendWith(ExampleCredentials.class)
class RecoverInProcessS3EndpointTest {
  private static final String BUCKET = "team-etcd-snapshots";
  private static final Instant T0 = Instant.parse("2026-11-29T05:00:00Z");

  /**
   * fleet at snapshot time: a declared instance stopped by hand, and a unit someone submitted by
   * hand.
   */
  private static final String FLEET_KEYS =
      SnapshotArchives.fleetKeys(
          Map.of(
              "gerrit@1.service", Map.entry("[Service]\nExecStart=/bin/old-gerrit\n", "loaded"),
              "backup.service",
                  Map.entry(
                      "[Unit]\nDescription=nightly backup\n\n[Service]\nExecStart=/usr/bin/backup\n",
                      "launched")));

  private InProcessS3Endpoint s3;
  private InProcessCloudFormationEndpoint cloudFormation;
  private InProcessFleetServer fleet;

  @TempDir Path work;

  @BeforeEach
  void startEndpoints() throws Exception {
    s3 = new InProcessS3Endpoint();
    cloudFormation = new InProcessCloudFormationEndpoint();
    fleet = new InProcessFleetServer(2);
    s3.createBucket(BUCKET);
    s3.listPageSize(2);
    snapshot("team/2026-11-29T05-00-00Z-i-0aaa.tar.gz", "team", 0);
    snapshot("team/2026-11-29T05-15-00Z-i-0bbb.tar.gz", "team", 15);
    snapshot("team/2026-11-29T05-30-00Z-i-0aaa.tar.gz", "team", 30);
    snapshot("other/2026-11-29T05-45-00Z-i-0ccc.tar.gz", "other", 45);
  }

  @AfterEach
  void stopEndpoints() {
    s3.close();
    cloudFormation.close();
    fleet.close();
  }

  private void snapshot(String key, String cluster, int minutes) {
    snapshot(key, cluster, cluster, minutes);
  }

  /** A snapshot whose metadata and whose archive may name different clusters. */
  private void snapshot(String key, String metadataCluster, String archiveCluster, int minutes) {
    s3.putObject(
        BUCKET,
        key,
        SnapshotArchives.archive(work, archiveCluster, FLEET_KEYS),
        Map.of("cluster", metadataCluster),
        T0.plusSeconds(60L * minutes));
  }

  private CliRun recover(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "recover",
                "--s3-endpoint-url",
                s3.url().toString(),
                "--endpoint-url",
                cloudFormation.url().toString(),
                "--snapshot-dir",
                work.toString()));
    all.addAll(List.of(args));
    return CliRun.run(TestClusters.team(), all.toArray(String[]::new));
  }

  @Test
  void afterAWipedFleetRecoverBringsEveryUnitBackToItsDesiredState() {
    CliRun run = recover("--snapshot-bucket", BUCKET, "--fleet-url", fleet.url().toString());

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(
        Map.of(
            "gerrit@.service", "inactive",
            "gerrit@1.service", "launched",
            "gerrit@2.service", "launched",
            "dns-updater.service", "launched",
            "backup.service", "launched"),
        fleet.desiredStates(),
        "the jar's units as declared, the others as in the snapshot");
    assertEquals(
        List.of(
            new UnitOption("Unit", "Description", "nightly backup"),
            new UnitOption("Service", "ExecStart", "/usr/bin/backup")),
        new FleetClient(fleet.url()).unit("backup.service").orElseThrow().options());
    Path saved = work.resolve("2026-11-29T05-30-00Z-i-0aaa.tar.gz");
    assertTrue(
        run.out()
            .contains(
                "Restoring team/2026-11-29T05-30-00Z-i-0aaa.tar.gz (taken 2026-11-29T05:30:00Z), saved to "
                    + saved),
        "the newest by default:\n" + run.out());
    assertEquals("team", new SnapshotArchive(saved).cluster());
    assertFalse(
        run.out().contains("other/"), "another cluster's snapshots are not listed:\n" + run.out());
    assertTrue(
        run.out().contains("scp " + saved + " core@$ip:/tmp/etcd-snapshot.tar.gz"), run.out());
    assertTrue(
        run.out()
            .contains(
                "ssh core@$ip sudo /opt/bin/etcd-restore /tmp/etcd-snapshot.tar.gz 3 & done; wait"),
        "one command per machine, with the MAIN group's size:\n" + run.out());
    assertTrue(run.out().contains("gerrit@1.service     started"), run.out());
    assertTrue(run.out().contains("backup.service       started"), run.out());
    assertTrue(
        s3.requests().stream().filter(r -> r.startsWith("GET /" + BUCKET)).count() >= 2,
        "every page of ListObjectsV2 is read: " + s3.requests());
  }

  @Test
  void aSnapshotOfAnotherClusterIsRefusedByItsKeyOrItsMetadata() {
    CliRun byKey =
        recover(
            "--snapshot-bucket",
            BUCKET,
            "--snapshot",
            "other/2026-11-29T05-45-00Z-i-0ccc.tar.gz",
            "--fleet-url",
            fleet.url().toString());
    assertEquals(1, byKey.exitCode(), byKey.toString());
    assertTrue(
        byKey
            .err()
            .startsWith(
                "error: snapshot other/2026-11-29T05-45-00Z-i-0ccc.tar.gz is not cluster team's: its key says other"),
        byKey.err());

    snapshot("team/2026-11-29T06-00-00Z-i-0ddd.tar.gz", "other", 60);
    CliRun byMetadata =
        recover(
            "--snapshot-bucket",
            BUCKET,
            "--snapshot",
            "team/2026-11-29T06-00-00Z-i-0ddd.tar.gz",
            "--fleet-url",
            fleet.url().toString());
    assertEquals(1, byMetadata.exitCode(), byMetadata.toString());
    assertTrue(byMetadata.err().contains("its metadata says cluster=other"), byMetadata.err());

    snapshot("team/2026-11-29T06-15-00Z-i-0eee.tar.gz", "team", "other", 75);
    CliRun byContent =
        recover(
            "--snapshot-bucket",
            BUCKET,
            "--snapshot",
            "team/2026-11-29T06-15-00Z-i-0eee.tar.gz",
            "--fleet-url",
            fleet.url().toString());
    assertEquals(1, byContent.exitCode(), byContent.toString());
    assertTrue(byContent.err().contains("holds cluster other's etcd, not team's"), byContent.err());

    assertEquals(Map.of(), fleet.desiredStates(), "nothing was submitted");
    assertEquals(List.of(), fleet.requests());
  }

  @Test
  void withoutFleetItPrintsTheRunbookAndTheBucketComesFromTheStack() {
    CliRun deploy =
        CliRun.run(
            TestClusters.team("deploy/team-template-snapshots.json"),
            "deploy",
            "--yes",
            "--skip-units",
            "--param",
            "KeyName=team-key",
            "--endpoint-url",
            cloudFormation.url().toString());
    assertEquals(0, deploy.exitCode(), deploy.toString());
    String bucket = "team-EtcdSnapshotBucket-1A2B3C";
    s3.createBucket(bucket);
    s3.putObject(
        bucket,
        "team/2026-11-29T07-00-00Z-i-0eee.tar.gz",
        SnapshotArchives.archive(work, "team", FLEET_KEYS),
        Map.of("cluster", "team"),
        T0);

    CliRun run = recover("--snapshot", "team/2026-11-29T07-00-00Z-i-0eee.tar.gz");

    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(
        run.out().contains("Snapshots of cluster team in s3://" + bucket + "/team/"), run.out());
    assertTrue(run.out().contains("Units: not resubmitted"), run.out());
    assertTrue(
        run.out()
            .contains(
                "DEPLOY recover --stack team --region eu-west-1 --snapshot-bucket "
                    + bucket
                    + " --snapshot team/2026-11-29T07-00-00Z-i-0eee.tar.gz --tunnel core@MAIN_PUBLIC_IP"),
        run.out());
  }

  @Test
  void jsonOutputHoldsTheSnapshotsTheStepsAndWhatFleetGot() throws Exception {
    CliRun run =
        recover(
            "--snapshot-bucket", BUCKET, "--fleet-url", fleet.url().toString(), "--output", "json");

    assertEquals(0, run.exitCode(), run.toString());
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertEquals("team/2026-11-29T05-30-00Z-i-0aaa.tar.gz", report.at("/snapshot/key").asText());
    assertEquals("2026-11-29T05:30:00Z", report.at("/snapshot/lastModified").asText());
    assertEquals(3, report.get("snapshots").size());
    assertEquals(5, report.at("/runbook/steps").size());
    assertTrue(
        report
            .at("/runbook/steps/2/commands/0")
            .asText()
            .contains("sudo /opt/bin/etcd-restore /tmp/etcd-snapshot.tar.gz 3"),
        report.toString());
    assertEquals(5, report.get("units").size());
  }

  @Test
  void anEmptyBucketSaysWhenSnapshotsAppear() {
    s3.createBucket("empty");
    CliRun run = recover("--snapshot-bucket", "empty");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("no snapshots of cluster team in s3://empty/team/"), run.err());
  }
}
