package dev.cluster.apps.keyservice;

import dev.cluster.apps.common.testing.FreePort;
import dev.cluster.apps.common.testing.RequiredBinary;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real sshd (Debian's openssh-server) on a free loopback port, configured as the SFTP image is:
 * SFTP only, each user chrooted to {@code jail/<user>}, keys from {@code dev-authorized-keys}
 * (AuthorizedKeysCommand) only. sshd insists that the command and every folder above it belong to
 * root and are not writable by others, so the test runs as root from folders under the build's
 * target/.
 */
final class SshServer implements AutoCloseable {
  private final Process process;
  private final Path dir;
  private final int port;

  private SshServer(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static SshServer start(Path dir, Path authorizedKeysCommand, Path commandConfig, Path jail)
      throws IOException, InterruptedException {
    Path sshd =
        Files.isExecutable(Path.of("/usr/sbin/sshd"))
            ? Path.of("/usr/sbin/sshd")
            : RequiredBinary.find("sshd", "openssh-server");
    Files.createDirectories(Path.of("/run/sshd"));
    Path hostKey = dir.resolve("host_ed25519");
    if (!Files.exists(hostKey)) {
      SshKeys.run(
          List.of(
              RequiredBinary.find("ssh-keygen", "openssh-client").toString(),
              "-q",
              "-N",
              "",
              "-t",
              "ed25519",
              "-f",
              hostKey.toString()));
    }
    int port = FreePort.pick();
    Path config = dir.resolve("sshd_config");
    Files.writeString(
        config,
        String.join(
                "\n",
                List.of(
                    "Port " + port,
                    "ListenAddress 127.0.0.1",
                    "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"),
                    "AuthorizedKeysFile none",
                    "AuthorizedKeysCommand " + authorizedKeysCommand + " %u " + commandConfig,
                    "AuthorizedKeysCommandUser nobody",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PermitRootLogin no",
                    "UsePAM no",
                    "AllowTcpForwarding no",
                    "X11Forwarding no",
                    "PermitTunnel no",
                    "AllowAgentForwarding no",
                    "Subsystem sftp internal-sftp",
                    "ForceCommand internal-sftp",
                    "ChrootDirectory " + jail + "/%u",
                    "LogLevel VERBOSE"))
            + "\n");
    Process process =
        new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    SshServer server = new SshServer(process, dir, port);
    server.awaitPort();
    return server;
  }

  int port() {
    return port;
  }

  String log() throws IOException {
    return Files.readString(dir.resolve("sshd.log"));
  }

  private void awaitPort() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("sshd exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("sshd did not listen on " + port + ":\n" + log());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
