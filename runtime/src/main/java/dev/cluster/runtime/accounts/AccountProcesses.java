package dev.cluster.runtime.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running processes of one account on the system under a root: a locked account's open sessions
 * (its sshd session process, its shell, whatever it left running) would go on after the lock, so
 * they are ended with it. A process belongs to the system when its root directory is the system's
 * root: with {@code --root DIR}, only processes chrooted into DIR; with {@code /}, those that see
 * this machine's root.
 */
public final class AccountProcesses {

  private AccountProcesses() {}

  /**
   * Sends SIGKILL to every process whose real user id is {@code uid} under {@code root}; returns
   * how many.
   */
  public static int end(Path root, int uid) throws IOException {
    Path systemRoot = root.toRealPath();
    int ended = 0;
    for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
      if (realUid(process.pid()).equals(Optional.of(uid))
          && rootOf(process.pid()).equals(Optional.of(systemRoot))
          && process.destroyForcibly()) {
        ended++;
      }
    }
    return ended;
  }

  /**
   * The first of the {@code Uid:} line's four ids in /proc/PID/status; empty when the process is
   * gone.
   */
  private static Optional<Integer> realUid(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .map(line -> Integer.parseInt(line.substring(4).strip().split("\\s+")[0]))
          .findFirst();
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  private static Optional<Path> rootOf(long pid) {
    try {
      return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "root")));
    } catch (IOException | RuntimeException goneOrNotOurs) {
      return Optional.empty();
    }
  }
}
