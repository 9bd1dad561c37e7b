package dev.cluster.apps.keyservice;

import dev.cluster.apps.common.testing.RequiredBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Real key pairs from OpenSSH's ssh-keygen, as a user would make them. */
final class SshKeys {
  private SshKeys() {}

  /**
   * Makes a key pair at {@code dir/name} and returns the private key's path ({@code .pub} beside
   * it).
   */
  static Path generate(Path dir, String name, String... typeArgs)
      throws IOException, InterruptedException {
    Path key = dir.resolve(name);
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                RequiredBinary.find("ssh-keygen", "openssh-client").toString(),
                "-q",
                "-N",
                "",
                "-C",
                name + "@test",
                "-f",
                key.toString()));
    command.addAll(List.of(typeArgs));
    run(command);
    return key;
  }

  static String publicLine(Path privateKey) throws IOException {
    return Files.readString(Path.of(privateKey + ".pub")).strip();
  }

  /** What {@code ssh-keygen -lf} prints as the fingerprint. */
  static String fingerprint(Path privateKey) throws IOException, InterruptedException {
    String out =
        run(
            List.of(
                RequiredBinary.find("ssh-keygen", "openssh-client").toString(),
                "-l",
                "-E",
                "sha256",
                "-f",
                privateKey + ".pub"));
    return out.split("\\s+")[1];
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
