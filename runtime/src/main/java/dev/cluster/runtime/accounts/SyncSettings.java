package dev.cluster.runtime.accounts;

import dev.cluster.contract.agent.AgentArgs;
import dev.cluster.contract.agent.AgentCommands.AccountsSync;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * accounts-sync's command line (runtime/README.md); a bad value is an {@link
 * IllegalArgumentException} naming it.
 */
public record SyncSettings(
    URI keycloakUrl,
    String realm,
    String clientId,
    Path clientSecretFile,
    Path root,
    Path stateFile,
    SyncPolicy policy,
    boolean dryRun) {

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})([smhd])");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_.-]+");

  public static SyncSettings parse(AgentArgs<AccountsSync> options) {
    URI url = URI.create(options.required(AccountsSync.KEYCLOAK_URL));
    if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "--keycloak-url " + url + " is not an http(s) URL, e.g. https://id.example.com");
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String group : options.all(AccountsSync.GROUP)) {
      groups.add(groupName(group, "--group"));
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(
          "missing --group: name at least one directory group whose members get accounts");
    }
    Map<String, Set<String>> localGroups = new LinkedHashMap<>();
    for (String mapping : options.all(AccountsSync.LOCAL_GROUP)) {
      int eq = mapping.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "--local-group " + mapping + " is not DIRECTORY_GROUP=LOCAL_GROUP[,LOCAL_GROUP...]");
      }
      String from = groupName(mapping.substring(0, eq), "--local-group");
      if (!groups.contains(from)) {
        throw new IllegalArgumentException(
            "--local-group " + mapping + ": " + from + " is not one of the --group options");
      }
      for (String local : mapping.substring(eq + 1).split(",")) {
        if (!Convergence.USER_NAME.matcher(local).matches()) {
          throw new IllegalArgumentException(
              "--local-group " + mapping + ": '" + local + "' is not a local group name");
        }
        localGroups.computeIfAbsent(from, g -> new LinkedHashSet<>()).add(local);
      }
    }
    String shell = options.get(AccountsSync.SHELL, "/bin/bash");
    if (!shell.startsWith("/")) {
      throw new IllegalArgumentException("--shell " + shell + " is not an absolute path");
    }
    Path root = Path.of(options.get(AccountsSync.ROOT, "/")).toAbsolutePath().normalize();
    Path state =
        options
            .optional(AccountsSync.STATE)
            .map(Path::of)
            .orElse(root.resolve(StateFile.DEFAULT_PATH));
    SyncPolicy policy =
        new SyncPolicy(
            groups,
            localGroups,
            shell,
            duration(options.get(AccountsSync.GRACE_PERIOD, "7d")),
            UidNumbers.FIRST,
            UidNumbers.LAST);
    return new SyncSettings(
        url,
        options.get(AccountsSync.REALM, "team"),
        options.get(AccountsSync.CLIENT_ID, "accounts-sync"),
        Path.of(options.required(AccountsSync.CLIENT_SECRET_FILE)),
        root,
        state,
        policy,
        options.isSet(AccountsSync.DRY_RUN));
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--grace-period " + text + " is not a duration such as 30s, 15m, 12h or 7d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private static String groupName(String name, String option) {
    if (!GROUP.matcher(name).matches()) {
      throw new IllegalArgumentException(option + ": '" + name + "' is not a group name");
    }
    return name;
  }
}
