package dev.cluster.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Linux system of its own for one test: an overlay whose lower layer is the Debian 12 root that
 * runtime/scripts/accounts-root.sh builds once (OpenSSH's server, curl, the shadow tools) and whose
 * upper layer is a fresh directory, so every write (its /etc/passwd, /etc/shadow, /etc/group,
 * homes) stays in that directory and is gone when the test closes it. Never the test machine's own
 * /etc. Commands run in it with chroot and share the host's network (127.0.0.1) and processes.
 * Needs root (mount, chroot).
 */
public final class ThrowawayRoot implements AutoCloseable {

  private final Path dir;
  private final Path root;

  private ThrowawayRoot(Path dir, Path root) {
    this.dir = dir;
    this.root = root;
  }

  public static ThrowawayRoot create(String name) throws IOException, InterruptedException {
    Binaries.require("unshare", "util-linux");
    Path base =
        Path.of(
            System.getenv().getOrDefault("DEV_CLUSTER_CACHE", "/var/cache/dev-cluster"),
            "bookworm-accounts");
    if (!Files.isExecutable(base.resolve("usr/sbin/sshd"))
        || !Files.isExecutable(base.resolve("usr/bin/curl"))) {
      fail(
          "no Debian 12 root with sshd and curl at "
              + base
              + ": run scripts/test-deps.sh (apt package debootstrap, "
              + "then runtime/scripts/accounts-root.sh)");
    }
    Path dir = Files.createTempDirectory("throwaway-" + name + "-");
    Path root = dir.resolve("root");
    for (Path p : List.of(dir.resolve("upper"), dir.resolve("work"), root)) {
      Files.createDirectories(p);
    }
    run(
        List.of(
            "mount",
            "-t",
            "overlay",
            "overlay",
            "-o",
            "lowerdir="
                + base
                + ",upperdir="
                + dir.resolve("upper")
                + ",workdir="
                + dir.resolve("work"),
            root.toString()));
    return new ThrowawayRoot(dir, root);
  }

  /** The root's directory on this machine (what {@code --root} takes). */
  public Path root() {
    return root;
  }

  /** Where a path of the system is on this machine. */
  public Path host(String insidePath) {
    return root.resolve(insidePath.substring(1));
  }

  /**
   * Runs a command of the system (chroot), returning its output; fails the test if it exits
   * non-zero.
   */
  public String exec(String... command) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("chroot", root.toString()));
    all.addAll(List.of(command));
    return run(all);
  }

  /**
   * The command line that runs {@code inside} in the system with /proc mounted in a mount namespace
   * of its own (gone with the command), for daemons such as sshd.
   */
  public List<String> daemon(List<String> inside) {
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
                "mount -t proc proc \"$0/proc\" && exec chroot \"$0\" \"$@\"",
                root.toString()));
    command.addAll(inside);
    return command;
  }

  public String file(String insidePath) throws IOException {
    return Files.readString(host(insidePath));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(List.of("umount", root.toString()));
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
