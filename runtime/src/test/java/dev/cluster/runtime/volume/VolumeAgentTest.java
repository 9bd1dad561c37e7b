package dev.cluster.runtime.volume;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cluster.runtime.testing.Binaries;
import dev.cluster.runtime.testing.EtcdCluster;
import dev.cluster.runtime.testing.Eventually;
import dev.cluster.runtime.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas of a synced path, each a volume agent running the real Syncthing, peers found
 * through etcd.
 */
class VolumeAgentTest {

  @RegisterExtension static final EtcdCluster ETCD = new EtcdCluster(3);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path root;

  private static void writeRandom(Path file, int bytes) throws Exception {
    byte[] data = new byte[bytes];
    new SecureRandom().nextBytes(data);
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(partial, data);
    Files.move(partial, file);
  }

  private static boolean sameContent(Path a, Path b) {
    return Files.exists(b) && SyncthingReplicas.sha256(a).equals(SyncthingReplicas.sha256(b));
  }

  @Test
  void aFileWrittenOnOneReplicaReachesTheOthersAndAKilledReplicaCatchesUp() throws Exception {
    Binaries.require("syncthing", "syncthing");
    try (Processes processes = new Processes()) {
      SyncthingReplicas replicas = new SyncthingReplicas(processes, ETCD.endpoints(), root, 3);
      for (int i = 0; i < 3; i++) {
        replicas.start(i);
      }
      Path first = replicas.dir(0).resolve("report.bin");
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(20),
              () ->
                  IntStream.range(0, 3)
                      .allMatch(i -> Files.isDirectory(replicas.dir(i).resolve(".stfolder")))),
          "agents did not start");
      writeRandom(first, 1 << 20);
      Duration spread =
          Eventually.within(
              Duration.ofSeconds(60),
              () ->
                  sameContent(first, replicas.dir(1).resolve("report.bin"))
                      && sameContent(first, replicas.dir(2).resolve("report.bin")));
      assertNotNull(spread, "1 MB file not on every replica within 60 s; logs in " + root);

      replicas.kill9(2);
      Path whileDown = replicas.dir(1).resolve("written-while-down.bin");
      writeRandom(whileDown, 1 << 20);
      assertNotNull(
          Eventually.within(
              Duration.ofSeconds(30),
              () -> sameContent(whileDown, replicas.dir(0).resolve("written-while-down.bin"))));
      replicas.start(2);
      Duration caughtUp =
          Eventually.within(
              Duration.ofSeconds(60),
              () -> sameContent(whileDown, replicas.dir(2).resolve("written-while-down.bin")));
      assertNotNull(
          caughtUp, "the restarted replica did not catch up within 60 s; logs in " + root);
      System.out.printf(
          "volume: 1 MB on all 3 replicas after %d ms (from the first start); "
              + "restarted replica caught up after %d ms%n",
          spread.toMillis(), caughtUp.toMillis());
    }
  }
}
