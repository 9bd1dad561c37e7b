package dev.cluster.runtime.volume;

import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Volume agents (separate JVMs, each running a real Syncthing) for the replicas of one synced path.
 */
public final class SyncthingReplicas {

  private final Processes processes;
  private final String etcdEndpoints;
  private final Path root;
  private final List<List<String>> commandLines = new ArrayList<>();
  private final List<Process> agents = new ArrayList<>();

  public SyncthingReplicas(Processes processes, String etcdEndpoints, Path root, int count) {
    this.processes = processes;
    this.etcdEndpoints = etcdEndpoints;
    this.root = root;
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < count; i++) {
      commandLines.add(
          List.of(
              "volume",
              "--etcd",
              etcdEndpoints,
              "--service",
              "wiki",
              "--path-id",
              "uploads",
              "--instance",
              String.valueOf(i),
              "--dir",
              dir(i).toString(),
              "--home",
              root.resolve("home-" + i).toString(),
              "--listen",
              "tcp://127.0.0.1:" + FreePorts.next(),
              "--gui",
              "127.0.0.1:" + FreePorts.next()));
      agents.add(null);
    }
  }

  public Path dir(int replica) {
    return root.resolve("data-" + replica);
  }

  public void start(int replica) {
    agents.set(
        replica,
        processes.startAgent(
            commandLines.get(replica), root.resolve("volume-" + replica + ".log")));
  }

  public void kill9(int replica) {
    Processes.kill9(agents.get(replica));
  }

  public static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
