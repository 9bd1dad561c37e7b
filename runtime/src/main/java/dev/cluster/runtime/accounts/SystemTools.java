package dev.cluster.runtime.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The system's own tools for each change (shadow's useradd, usermod, userdel, groupadd), given
 * {@code --root DIR} when the system is not this machine's root, so that they chroot into it and
 * use its login.defs.
 */
public final class SystemTools {
  /** Marks the accounts this agent created in their GECOS field, for people reading /etc/passwd. */
  public static final String COMMENT = "accounts-sync";

  private final Path root;

  public SystemTools(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The command that makes the change, or none for a change of the state file only. */
  public Optional<List<String>> command(Change change) {
    List<String> command;
    if (change instanceof Change.CreateGroup) {
      command = tool("groupadd");
    } else if (change instanceof Change.CreateAccount c) {
      // '*' is no password but not a locked one: sshd refuses key logins to a locked account
      command =
          with(
              tool("useradd"),
              "--uid",
              Integer.toString(c.uid()),
              "--user-group",
              "--create-home",
              "--shell",
              c.shell(),
              "--comment",
              COMMENT,
              "--password",
              "*");
      if (!c.groups().isEmpty()) {
        command.addAll(List.of("--groups", String.join(",", c.groups())));
      }
    } else if (change instanceof Change.SetShell c) {
      command = with(tool("usermod"), "--shell", c.to());
    } else if (change instanceof Change.SetGroups c) {
      command = with(tool("usermod"), "--groups", String.join(",", c.groups()));
    } else if (change instanceof Change.Lock) {
      // day 1 is long past: PAM's account check (sshd, su, cron) refuses the account, whatever the
      // login method
      command = with(tool("usermod"), "--lock", "--expiredate", "1");
    } else if (change instanceof Change.Unlock) {
      command = with(tool("usermod"), "--unlock", "--expiredate", "");
    } else if (change instanceof Change.Remove) {
      command = with(tool("userdel"), "--remove");
    } else {
      return Optional.empty();
    }
    command.add(change.name());
    return Optional.of(command);
  }

  /**
   * Runs the change's command; its output goes to this agent's output. A removed account's
   * processes end before userdel, a locked one's after the lock, so that no new session can start
   * in between.
   */
  public void apply(Change change) throws IOException, InterruptedException {
    if (change instanceof Change.Remove remove) {
      endProcesses(remove.name(), remove.uid());
    }
    Optional<List<String>> command = command(change);
    if (command.isPresent()) {
      run(command.get());
    }
    if (change instanceof Change.Lock lock) {
      endProcesses(lock.name(), lock.uid());
    }
  }

  private void endProcesses(String name, int uid) throws IOException {
    int ended = AccountProcesses.end(root, uid);
    if (ended > 0) {
      System.out.println("accounts-sync:   ended " + ended + " running processes of " + name);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 60 s");
    }
    if (!output.isEmpty()) {
      System.out.println("accounts-sync:   " + command.get(0) + ": " + output.replace("\n", "; "));
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
    }
  }

  private List<String> tool(String name) {
    List<String> command = new ArrayList<>(List.of(name));
    if (!root.equals(Path.of("/"))) {
      command.addAll(List.of("--root", root.toString()));
    }
    return command;
  }

  private static List<String> with(List<String> command, String... args) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(args));
    return all;
  }
}
