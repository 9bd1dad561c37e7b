package dev.cluster.runtime.deploy.recover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cluster.runtime.deploy.CliRun;
import dev.cluster.runtime.deploy.TestClusters;
import dev.cluster.runtime.deploy.aws.InProcessCloudFormationEndpoint;
import dev.cluster.runtime.deploy.aws.InProcessS3Endpoint;
import dev.cluster.runtime.deploy.fleet.InProcessFleetServer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code recover} through the real AWS SDK against in-process S3 and CloudFormation endpoints (not
 * AWS) and an in-process server following fleet's API (not fleet).
 */
class RecoverInProcessS3EndpointTest {
    private static final String BUCKET = "team-etcd-snapshots";
    private static final Instant T0 = Instant.parse("2026-11-29T05:00:00Z");

    private InProcessS3Endpoint s3;
    private InProcessCloudFormationEndpoint cloudFormation;
    private InProcessFleetServer fleet;

    @BeforeAll
    static void staticCredentials() {
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

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
        s3.putObject(BUCKET, key, ("snapshot " + key).getBytes(StandardCharsets.UTF_8), Map.of("cluster", cluster),
                T0.plusSeconds(60L * minutes));
    }

    private CliRun recover(String... args) {
        List<String> all = new ArrayList<>(List.of("recover", "--s3-endpoint-url", s3.url().toString(),
                "--endpoint-url", cloudFormation.url().toString()));
        all.addAll(List.of(args));
        return CliRun.run(TestClusters.team(), all.toArray(String[]::new));
    }

    @Test
    void afterAWipedFleetRecoverBringsEveryUnitBackToItsDesiredState() {
        CliRun run = recover("--snapshot-bucket", BUCKET, "--fleet-url", fleet.url().toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(Map.of(
                "gerrit@.service", "inactive",
                "gerrit@1.service", "launched",
                "gerrit@2.service", "launched",
                "dns-updater.service", "launched"), fleet.desiredStates());
        assertTrue(run.out().contains("Restoring team/2026-11-29T05-30-00Z-i-0aaa.tar.gz"), "the newest by default:\n" + run.out());
        assertFalse(run.out().contains("other/"), "another cluster's snapshots are not listed:\n" + run.out());
        assertTrue(run.out().contains("aws s3 cp s3://" + BUCKET + "/team/2026-11-29T05-30-00Z-i-0aaa.tar.gz"), run.out());
        assertTrue(run.out().contains("etcdutl snapshot restore /etcd-v3.db --data-dir /var/lib/etcd"), run.out());
        assertTrue(run.out().contains("/opt/bin/cluster-peers main 3"), "the MAIN group's size:\n" + run.out());
        assertTrue(run.out().contains("gerrit@1.service     started"), run.out());
        assertTrue(s3.requests().stream().filter(r -> r.startsWith("GET /" + BUCKET)).count() >= 2,
                "every page of ListObjectsV2 is read: " + s3.requests());
    }

    @Test
    void aSnapshotOfAnotherClusterIsRefusedByItsKeyOrItsMetadata() {
        CliRun byKey = recover("--snapshot-bucket", BUCKET, "--snapshot", "other/2026-11-29T05-45-00Z-i-0ccc.tar.gz",
                "--fleet-url", fleet.url().toString());
        assertEquals(1, byKey.exitCode(), byKey.toString());
        assertTrue(byKey.err().startsWith("error: snapshot other/2026-11-29T05-45-00Z-i-0ccc.tar.gz is not cluster team's: its key says other"),
                byKey.err());

        snapshot("team/2026-11-29T06-00-00Z-i-0ddd.tar.gz", "other", 60);
        CliRun byMetadata = recover("--snapshot-bucket", BUCKET, "--snapshot", "team/2026-11-29T06-00-00Z-i-0ddd.tar.gz",
                "--fleet-url", fleet.url().toString());
        assertEquals(1, byMetadata.exitCode(), byMetadata.toString());
        assertTrue(byMetadata.err().contains("its metadata says cluster=other"), byMetadata.err());

        assertEquals(Map.of(), fleet.desiredStates(), "nothing was submitted");
        assertEquals(List.of(), fleet.requests());
    }

    @Test
    void withoutFleetItPrintsTheRunbookAndTheBucketComesFromTheStack() {
        CliRun deploy = CliRun.run(TestClusters.team("deploy/team-template-snapshots.json"), "deploy", "--skip-units",
                "--param", "KeyName=team-key", "--endpoint-url", cloudFormation.url().toString());
        assertEquals(0, deploy.exitCode(), deploy.toString());
        String bucket = "team-EtcdSnapshotBucket-1A2B3C";
        s3.createBucket(bucket);
        s3.putObject(bucket, "team/2026-11-29T07-00-00Z-i-0eee.tar.gz", new byte[] {1}, Map.of("cluster", "team"), T0);

        CliRun run = recover("--snapshot", "team/2026-11-29T07-00-00Z-i-0eee.tar.gz");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Snapshots of cluster team in s3://" + bucket + "/team/"), run.out());
        assertTrue(run.out().contains("Units: not resubmitted"), run.out());
        assertTrue(run.out().contains("DEPLOY recover --stack team --region eu-west-1 --snapshot-bucket " + bucket
                + " --snapshot team/2026-11-29T07-00-00Z-i-0eee.tar.gz --tunnel core@MAIN_PUBLIC_IP"), run.out());
    }

    @Test
    void jsonOutputHoldsTheSnapshotsTheStepsAndWhatFleetGot() throws Exception {
        CliRun run = recover("--snapshot-bucket", BUCKET, "--fleet-url", fleet.url().toString(), "--output", "json");

        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("team/2026-11-29T05-30-00Z-i-0aaa.tar.gz", report.at("/snapshot/key").asText());
        assertEquals("2026-11-29T05:30:00Z", report.at("/snapshot/lastModified").asText());
        assertEquals(3, report.get("snapshots").size());
        assertEquals(8, report.at("/runbook/steps").size());
        assertEquals("sudo systemctl start etcd-member.service", report.at("/runbook/steps/4/commands/0").asText());
        assertEquals(4, report.get("units").size());
    }

    @Test
    void anEmptyBucketSaysWhenSnapshotsAppear() {
        s3.createBucket("empty");
        CliRun run = recover("--snapshot-bucket", "empty");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no snapshots of cluster team in s3://empty/team/"), run.err());
    }
}
