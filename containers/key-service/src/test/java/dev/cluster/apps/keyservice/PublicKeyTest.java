package dev.cluster.apps.keyservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys made by ssh-keygen are accepted or refused as the policy says, with ssh-keygen's own
 * fingerprints.
 */
class PublicKeyTest {
  @TempDir Path dir;

  @Test
  void ed25519EcdsaAndRsa3072AreAcceptedWithSshKeygensFingerprint() throws Exception {
    for (String[] type :
        new String[][] {
          {"-t", "ed25519"}, {"-t", "ecdsa", "-b", "384"}, {"-t", "rsa", "-b", "3072"}
        }) {
      Path key = SshKeys.generate(dir, "key-" + type[1] + type.length, type);
      PublicKey parsed = PublicKey.parse(SshKeys.publicLine(key));
      assertEquals(SshKeys.fingerprint(key), parsed.fingerprint(), type[1]);
      assertEquals(SshKeys.publicLine(key), parsed.authorizedKeysLine());
    }
  }

  @Test
  void rsaOf2048BitsIsRefusedAsWeak() throws Exception {
    Path key = SshKeys.generate(dir, "weak", "-t", "rsa", "-b", "2048");
    PublicKey.Refused refused =
        assertThrows(PublicKey.Refused.class, () -> PublicKey.parse(SshKeys.publicLine(key)));
    assertEquals(
        "this RSA key has 2048 bits; RSA keys need at least 3072 (make one with ssh-keygen -t ed25519,"
            + " or -t rsa -b 4096)",
        refused.getMessage());
  }

  @Test
  void malformedKeysAreRefusedWithTheReason() throws Exception {
    Path key = SshKeys.generate(dir, "ok", "-t", "ed25519");
    String[] parts = SshKeys.publicLine(key).split(" ");
    byte[] blob = Base64.getDecoder().decode(parts[1]);
    String truncated =
        Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(blob, blob.length - 5));
    assertRefused("", "paste a public key");
    assertRefused("ssh-ed25519", "has no key after");
    assertRefused("ssh-ed25519 not*base64!", "is not base64");
    assertRefused("ssh-rsa " + parts[1], "the key says it is ssh-rsa but its data is ssh-ed25519");
    assertRefused("ssh-ed25519 " + truncated, "truncated or malformed");
    assertRefused(
        "ssh-ed25519 " + parts[1] + "\nssh-ed25519 " + parts[1], "exactly one public key line");
    assertRefused("-----BEGIN OPENSSH PRIVATE KEY----- abc", "this is a private key");
    assertRefused("ssh-dss AAAAB3NzaC1kc3M=", "DSA keys are too weak");
  }

  private static void assertRefused(String line, String reason) {
    PublicKey.Refused refused =
        assertThrows(PublicKey.Refused.class, () -> PublicKey.parse(line), line);
    assertTrue(refused.getMessage().contains(reason), refused.getMessage());
  }
}
