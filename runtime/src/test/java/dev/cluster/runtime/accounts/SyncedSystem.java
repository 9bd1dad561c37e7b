package dev.cluster.runtime.accounts;

import dev.cluster.runtime.testing.FreePorts;
import dev.cluster.runtime.testing.Processes;
import dev.cluster.runtime.testing.ThrowawayRoot;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One system accounts-sync manages, in a {@link ThrowawayRoot}: a system account ({@code dev-keys},
 * which also runs sshd's AuthorizedKeysCommand), a hand-made account {@code carol}, the project's
 * {@code dev-authorized-keys} installed as the docs say, and, once started, its own sshd on a free
 * port of 127.0.0.1.
 */
final class SyncedSystem implements AutoCloseable {
  static final String KEY_COMMAND = "../containers/sftp/dev-authorized-keys";

  private final ThrowawayRoot root;
  private final Processes processes = new Processes();
  private int sshPort;

  private SyncedSystem(ThrowawayRoot root) {
    this.root = root;
  }

  static SyncedSystem create(String name, String keyServiceUrl, int cacheSeconds) throws Exception {
    SyncedSystem system = new SyncedSystem(ThrowawayRoot.create(name));
    try {
      system.setUp(keyServiceUrl, cacheSeconds);
    } catch (Exception e) {
      system.close();
      throw e;
    }
    return system;
  }

  private void setUp(String keyServiceUrl, int cacheSeconds) throws Exception {
    root.exec(
        "useradd",
        "--system",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        "dev-keys");
    root.exec("useradd", "--create-home", "--shell", "/bin/sh", "carol");
    Path command = root.host("/usr/local/bin/dev-authorized-keys");
    Files.copy(Path.of(KEY_COMMAND), command, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path conf = root.host("/etc/dev-authorized-keys");
    Files.createDirectories(conf);
    Files.writeString(conf.resolve("url"), keyServiceUrl + "\n");
    Files.writeString(
        conf.resolve("header"), "Authorization: Bearer " + KeyServiceEndpoint.TOKEN + "\n");
    Files.writeString(conf.resolve("cache"), "/var/cache/dev-authorized-keys\n");
    Files.writeString(conf.resolve("cache-seconds"), cacheSeconds + "\n");
    root.exec(
        "sh",
        "-c",
        "chown -R root:dev-keys /etc/dev-authorized-keys && chmod 750 /etc/dev-authorized-keys"
            + " && chmod 640 /etc/dev-authorized-keys/* && install -d -o dev-keys -m 700 /var/cache/dev-authorized-keys"
            + " && ssh-keygen -q -N '' -t ed25519 -f /etc/ssh/ssh_host_ed25519_key && mkdir -p /run/sshd");
  }

  Path root() {
    return root.root();
  }

  String file(String path) throws IOException {
    return root.file(path);
  }

  /** The line of {@code /etc/passwd}, {@code /etc/shadow} or {@code /etc/group} for a name. */
  Optional<String> entry(String file, String name) throws IOException {
    return file(file).lines().filter(l -> l.startsWith(name + ":")).findFirst();
  }

  String exec(String... command) throws Exception {
    return root.exec(command);
  }

  void pointKeyCommandAt(String url) throws IOException {
    Files.writeString(root.host("/etc/dev-authorized-keys/url"), url + "\n");
  }

  void startSshd(Path log) throws Exception {
    sshPort = FreePorts.next();
    Files.writeString(
        root.host("/etc/ssh/sshd_test_config"),
        String.join(
                "\n",
                "Port " + sshPort,
                "ListenAddress 127.0.0.1",
                "HostKey /etc/ssh/ssh_host_ed25519_key",
                "PidFile none",
                "UsePAM yes",
                "AuthorizedKeysFile none",
                "AuthorizedKeysCommand /usr/local/bin/dev-authorized-keys %u",
                "AuthorizedKeysCommandUser dev-keys",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin no",
                "LogLevel VERBOSE")
            + "\n");
    processes.start(
        root.daemon(List.of("/usr/sbin/sshd", "-D", "-e", "-f", "/etc/ssh/sshd_test_config")), log);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      try (Socket socket = new Socket("127.0.0.1", sshPort)) {
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "sshd did not listen on " + sshPort + ": " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * {@code ssh user@127.0.0.1 id -un} with the private key, no agent, no config; the output or the
   * error.
   */
  SshResult ssh(String user, Path privateKey) throws Exception {
    Process process =
        new ProcessBuilder(sshCommand(user, privateKey, "id -un"))
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes()).strip();
    return new SshResult(process.waitFor(), out);
  }

  /**
   * An ssh session that stays open (a remote sleep) until something ends it; returns once its shell
   * runs.
   */
  Process openSession(String user, Path privateKey, Path log) throws Exception {
    Process session =
        processes.start(sshCommand(user, privateKey, "echo session-open; exec sleep 600"), log);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!Files.readString(log).contains("session-open")) {
      if (!session.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("no session for " + user + ": " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return session;
  }

  /** A long-running program of a local account, started inside the system as that account. */
  Process runAs(String user, Path log) {
    return processes.start(root.daemon(List.of("runuser", "-u", user, "--", "sleep", "600")), log);
  }

  private List<String> sshCommand(String user, Path privateKey, String remoteCommand) {
    return List.of(
        "ssh",
        "-F",
        "/dev/null",
        "-i",
        privateKey.toString(),
        "-p",
        Integer.toString(sshPort),
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "ConnectTimeout=10",
        "-o",
        "LogLevel=ERROR",
        user + "@127.0.0.1",
        remoteCommand);
  }

  record SshResult(int exitCode, String output) {
    boolean loggedInAs(String user) {
      return exitCode == 0 && output.equals(user);
    }
  }

  @Override
  public void close() throws Exception {
    processes.close();
    root.close();
  }
}
