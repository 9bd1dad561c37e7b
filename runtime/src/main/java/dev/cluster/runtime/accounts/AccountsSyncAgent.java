package dev.cluster.runtime.accounts;

import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.AccountsSync;
import dev.cluster.runtime.deploy.console.DeployException;
import dev.cluster.runtime.deploy.users.KeycloakAdmin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code accounts-sync}: one pass that brings a system's local accounts in line with the members of
 * its directory groups (run it from a timer). Reads Keycloak with a read-only client of its own,
 * plans with {@link Convergence}, applies each change with the system's tools and logs it; {@code
 * --dry-run} only prints the plan. When the directory cannot be read, nothing at all is changed.
 */
public final class AccountsSyncAgent {
  /**
   * The variable of the secret file, as secrets-env writes it (and the realm's placeholder names
   * it).
   */
  public static final String SECRET_VARIABLE = "ACCOUNTS_SYNC_OIDC_CLIENT_SECRET";

  private static final Set<PosixFilePermission> OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private AccountsSyncAgent() {}

  public static int run(AgentArgs<AccountsSync> options) {
    SyncSettings settings;
    try {
      settings = SyncSettings.parse(options);
    } catch (IllegalArgumentException e) {
      System.err.println("accounts-sync: " + e.getMessage());
      return 2;
    }
    Instant now = Instant.now();
    Collection<Person> people;
    try {
      KeycloakAdmin keycloak =
          KeycloakAdmin.withClientCredentials(
              settings.keycloakUrl(),
              settings.realm(),
              settings.clientId(),
              clientSecret(settings.clientSecretFile()));
      people = Directory.people(keycloak, settings.policy().groups());
    } catch (DeployException | IllegalStateException | IOException e) {
      System.err.println(
          "accounts-sync: cannot read the directory, nothing changed: " + e.getMessage());
      return 1;
    }
    Map<String, ManagedAccount> state;
    Plan plan;
    try {
      state = new TreeMap<>(StateFile.read(settings.stateFile()));
      plan =
          Convergence.plan(
              people, UserDatabase.read(settings.root(), now), state, settings.policy(), now);
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "accounts-sync: cannot read the accounts of "
              + settings.root()
              + " or "
              + settings.stateFile()
              + ", nothing changed: "
              + e.getMessage());
      return 1;
    }
    plan.skipped().forEach(s -> System.out.println("accounts-sync: skip " + s));
    if (settings.dryRun()) {
      plan.changes().forEach(c -> System.out.println("accounts-sync: would " + c.describe()));
      System.out.println("accounts-sync: dry run, " + plan.changes().size() + " changes not made");
      return 0;
    }
    SystemTools tools = new SystemTools(settings.root());
    Map<String, ManagedAccount> before = Map.copyOf(state);
    int failed = 0;
    for (Change change : plan.changes()) {
      System.out.println("accounts-sync: " + change.describe());
      try {
        tools.apply(change);
        record(change, state, now);
      } catch (IOException e) {
        failed++;
        System.err.println("accounts-sync: failed to " + change.describe() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed++;
        break;
      }
    }
    try {
      if (!state.equals(before)) {
        StateFile.write(settings.stateFile(), state);
      }
    } catch (IOException e) {
      System.err.println(
          "accounts-sync: cannot write " + settings.stateFile() + ": " + e.getMessage());
      return 1;
    }
    System.out.println(
        "accounts-sync: "
            + people.size()
            + " people in "
            + String.join(", ", settings.policy().groups())
            + ", "
            + (plan.changes().size() - failed)
            + " changes made"
            + (failed > 0 ? ", " + failed + " failed" : ""));
    return failed > 0 ? 1 : 0;
  }

  /** The state after a change that was made. */
  static void record(Change change, Map<String, ManagedAccount> state, Instant now) {
    if (change instanceof Change.CreateAccount c) {
      state.put(c.name(), new ManagedAccount(c.name(), c.uid(), java.util.Optional.empty()));
    } else if (change instanceof Change.Lock) {
      state.computeIfPresent(
          change.name(), (n, a) -> a.lockedSince().isPresent() ? a : a.locked(now));
    } else if (change instanceof Change.Unlock) {
      state.computeIfPresent(change.name(), (n, a) -> a.unlocked());
    } else if (change instanceof Change.Remove || change instanceof Change.Forget) {
      state.remove(change.name());
    }
  }

  /**
   * The secret from a file only its owner may read, in secrets-env's format: {@value
   * #SECRET_VARIABLE}=secret.
   */
  private static String clientSecret(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no client secret file " + file + " (--client-secret-file)");
    }
    if (Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains)) {
      throw new IOException(
          file + " is readable or writable by others than its owner: chmod 600 " + file);
    }
    String prefix = SECRET_VARIABLE + "=";
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .filter(s -> !s.isEmpty())
        .findFirst()
        .orElseThrow(
            () -> new IOException(file + " has no line " + prefix + "<the client's secret>"));
  }
}
