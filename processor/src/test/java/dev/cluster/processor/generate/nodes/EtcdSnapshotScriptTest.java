package dev.cluster.processor.generate.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /opt/bin/etcd-snapshot} run by bash with stand-ins for docker (etcdctl and the aws-cli run
 * in containers) and curl (the instance metadata service, etcd's v2 API) on the PATH: no etcd, no
 * AWS.
 */
class EtcdSnapshotScriptTest {
  private static final String DOCKER =
      """
      #!/bin/bash
      # Stand-in for docker run: etcdctl and aws in their containers. Logs each command line.
      echo "docker $*" >> "$STUB_LOG"
      mount=""
      prev=""
      for arg in "$@"; do
        if [ "$prev" = -v ]; then mount=${arg%%:*}; fi
        prev=$arg
      done
      case "$*" in
        *"endpoint status -w json"*)
          echo "[{\\"Endpoint\\":\\"http://127.0.0.1:2379\\",\\"Status\\":{\\"header\\":{\\"cluster_id\\":1,\\"member_id\\":$STUB_MEMBER,\\"revision\\":5},\\"version\\":\\"3.5.17\\",\\"leader\\":$STUB_LEADER}}]" ;;
        *"snapshot save $mount/etcd-v3.db"*) echo v3-data > "$mount/etcd-v3.db" ;;
        *" s3 cp /snapshot/"*)
          for arg in "$@"; do case "$arg" in /snapshot/*) cp "$mount/${arg#/snapshot/}" "$STUB_OUT/uploaded.tar.gz" ;; esac; done ;;
        *) echo "unexpected docker $*" >&2; exit 1 ;;
      esac
      """;

  private static final String CURL =
      """
      #!/bin/bash
      echo "curl $*" >> "$STUB_LOG"
      out=/dev/stdout
      prev=""
      for arg in "$@"; do
        if [ "$prev" = -o ]; then out=$arg; fi
        prev=$arg
      done
      case "$*" in
        *api/token*) echo token ;;
        *placement/region*) echo eu-west-1 ;;
        *instance-id*) echo i-0abc ;;
        *"/v2/keys/_coreos.com/fleet?recursive=true"*)
          echo '{"action":"get","node":{"key":"/_coreos.com/fleet","dir":true}}' > "$out"
          printf 200 ;;
        *) echo "unexpected curl $*" >&2; exit 22 ;;
      esac
      """;

  private record Run(int exitCode, String output, String log) {}

  private Run run(Path dir, int member, int leader) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    stub(bin.resolve("docker"), DOCKER);
    stub(bin.resolve("curl"), CURL);
    Path script = dir.resolve("etcd-snapshot");
    try (InputStream in =
        NodeBootstrap.class.getResourceAsStream("/dev/cluster/processor/nodes/etcd-snapshot.sh")) {
      Files.write(script, in.readAllBytes());
    }
    Path log = dir.resolve("log");
    Files.writeString(log, "");
    ProcessBuilder builder =
        new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PATH", bin + ":" + env.get("PATH"));
    env.putAll(
        Map.of(
            "CLUSTER",
            "team",
            "ETCD_IMAGE",
            "etcd-image",
            "AWS_CLI_IMAGE",
            "aws-cli-image",
            "SNAPSHOT_BUCKET",
            "team-snapshots",
            "STUB_LOG",
            log.toString(),
            "STUB_OUT",
            dir.toString(),
            "STUB_MEMBER",
            String.valueOf(member),
            "STUB_LEADER",
            String.valueOf(leader)));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    return new Run(process.exitValue(), output, Files.readString(log));
  }

  private static void stub(Path path, String text) throws IOException {
    Files.writeString(path, text);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void theLeaderUploadsV3SnapshotAndFleetsV2KeysUnderTheClustersPrefix(@TempDir Path dir)
      throws Exception {
    Run run = run(dir, 42, 42);

    assertEquals(0, run.exitCode(), run.output() + run.log());
    String upload = run.log().lines().filter(l -> l.contains(" s3 cp ")).findFirst().orElseThrow();
    assertTrue(
        upload.matches(
            "docker run --rm --net=host -e AWS_REGION=eu-west-1 -v \\S+:/snapshot:ro aws-cli-image s3 cp"
                + " /snapshot/(\\S+-i-0abc\\.tar\\.gz) s3://team-snapshots/team/\\1"
                + " --metadata cluster=team,instance=i-0abc --checksum-algorithm CRC32 --only-show-errors"),
        upload);
    Process tar =
        new ProcessBuilder("tar", "-tzf", dir.resolve("uploaded.tar.gz").toString()).start();
    assertEquals(
        List.of("cluster", "etcd-v3.db", "fleet-v2.json"),
        new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    assertTrue(run.output().startsWith("uploaded s3://team-snapshots/team/"), run.output());
  }

  @Test
  void aFollowerTakesNoSnapshot(@TempDir Path dir) throws Exception {
    Run run = run(dir, 42, 7);

    assertEquals(0, run.exitCode(), run.output());
    assertEquals("this member is not etcd's leader: the leader takes the snapshot\n", run.output());
    assertFalse(run.log().contains("snapshot save"), run.log());
    assertFalse(run.log().contains("curl"), "not even the metadata service is asked: " + run.log());
  }
}
