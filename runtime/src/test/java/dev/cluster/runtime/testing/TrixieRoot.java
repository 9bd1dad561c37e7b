package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Debian 13 root with Patroni 4 and PostgreSQL 17 that runtime/scripts/patroni-trixie-root.sh
 * builds (Debian 12's Patroni 3.0.2 loses acknowledged writes with etcd3). Commands run in it share
 * the host's network and process table; each gets its own mount namespace with /proc and a private
 * /dev/shm, gone when the command ends.
 */
public record TrixieRoot(Path root) {

  public static final String POSTGRES_BIN = "/usr/lib/postgresql/17/bin";

  public static TrixieRoot require() {
    Binaries.require("unshare", "util-linux");
    Path root =
        Path.of(
            System.getenv().getOrDefault("DEV_CLUSTER_CACHE", "/var/cache/dev-cluster"),
            "trixie-patroni");
    if (!Files.isExecutable(root.resolve("usr/bin/patroni"))) {
      fail(
          "no Debian 13 root with Patroni at "
              + root
              + ": run scripts/test-deps.sh (apt package debootstrap, "
              + "then runtime/scripts/patroni-trixie-root.sh)");
    }
    return new TrixieRoot(root);
  }

  /** The command line that runs {@code inside} (a command of the trixie root) as the given user. */
  public List<String> command(String user, List<String> inside) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "unshare",
                "--mount",
                "--fork",
                "--propagation",
                "private",
                "sh",
                "-c",
                "u=$1; shift; mount -t proc proc \"$0/proc\" && mount -t tmpfs shm \"$0/dev/shm\" && "
                    + "exec chroot \"$0\" runuser -u \"$u\" -- \"$@\"",
                root.toString(),
                user));
    command.addAll(inside);
    return command;
  }

  /** A fresh directory inside the root owned by postgres, given as its path inside the root. */
  public String postgresDirectory(String name) {
    try {
      Path inside =
          Path.of("/tmp", "dev-cluster-tests", ProcessHandle.current().pid() + "-" + name);
      Path onHost = host(inside.toString());
      Files.createDirectories(onHost);
      Process chown =
          new ProcessBuilder(
                  "chroot",
                  root.toString(),
                  "chown",
                  "-R",
                  "postgres:postgres",
                  "/tmp/dev-cluster-tests")
              .inheritIO()
              .start();
      if (chown.waitFor() != 0) {
        throw new IllegalStateException("chown failed in " + root);
      }
      return inside.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a directory made by {@link #postgresDirectory}. */
  public void remove(String insidePath) throws IOException {
    Path dir = host(insidePath);
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  /** Where a path of the root is on the host. */
  public Path host(String insidePath) {
    return root.resolve(insidePath.substring(1));
  }
}
