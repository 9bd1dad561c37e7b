package dev.cluster.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user logs in with a key and uploads into their folder, and cannot read or write outside it. The
 * client is the OpenSSH one inside the image, connecting over TCP to 127.0.0.1 like any other
 * client.
 */
class SftpImageTest {
  private Podman.Container server;
  private int port;

  @BeforeEach
  void start() {
    port = Wait.freePort();
    server =
        Podman.run(
            Podman.image("sftp"),
            List.of("-e", "SSH_PORT=" + port, "-e", "SFTP_USERS=alice:2001 bob:2002"));
    server.awaitHealthy(Duration.ofSeconds(30));
    server.exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "/root/alice_key").orFail();
    server
        .exec(
            "sh",
            "-c",
            "cp /root/alice_key.pub /etc/sftp/keys/alice.pub && chmod 644 /etc/sftp/keys/alice.pub")
        .orFail();
  }

  @AfterEach
  void remove() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aKeyLogsInAndUploadsIntoTheUsersFolder() {
    sftp("put /etc/os-release upload/report.txt").orFail();
    assertEquals(
        "2001\n",
        server.exec("stat", "-c", "%u", "/srv/sftp/alice/upload/report.txt").orFail().out());
    assertEquals(
        server.exec("cat", "/etc/os-release").orFail().out(),
        server.exec("cat", "/srv/sftp/alice/upload/report.txt").orFail().out());
  }

  @Test
  void theUserCannotLeaveTheirFolder() {
    assertEquals(
        "upload\n",
        sftp("cd /\nls -1").orFail().out().replaceAll("(?m)^sftp> .*\n", ""),
        "the chroot shows only the user's folder");
    assertEquals(
        "upload\n", sftp("cd ../../..\nls -1").orFail().out().replaceAll("(?m)^sftp> .*\n", ""));
    assertNotEquals(0, sftp("get /etc/passwd /tmp/stolen").exit(), "no /etc/passwd in the chroot");
    assertNotEquals(0, sftp("ls /../bob").exit(), "no other user's folder");
    assertNotEquals(
        0, sftp("put /etc/os-release /outside.txt").exit(), "the chroot itself is not writable");
    var shell =
        server.exec(
            "ssh",
            "-i",
            "/root/alice_key",
            "-p",
            String.valueOf(port),
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "alice@127.0.0.1",
            "cat /etc/passwd");
    assertFalse(shell.out().contains("root:"), "no shell: " + shell.describe());
  }

  @Test
  void anUnknownKeyIsRefused() {
    server.exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "/root/other_key").orFail();
    assertNotEquals(0, sftp("/root/other_key", "ls").exit());
  }

  private Command.Result sftp(String batch) {
    return sftp("/root/alice_key", batch);
  }

  private Command.Result sftp(String key, String batch) {
    return server.exec(
        "sh",
        "-c",
        "printf '%s\\n' \"$0\" | sftp -b - -i "
            + key
            + " -P "
            + port
            + " -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null alice@127.0.0.1",
        batch);
  }
}
