package dev.cluster.runtime.accounts;

import java.util.List;
import java.util.Set;

/**
 * One step that brings the local user database in line with the directory; {@link #describe()} is
 * its log line.
 */
public sealed interface Change {
  String name();

  String describe();

  record CreateGroup(String name) implements Change {
    public String describe() {
      return "create local group " + name;
    }
  }

  record CreateAccount(String name, int uid, String shell, List<String> groups) implements Change {
    public CreateAccount {
      groups = List.copyOf(groups);
    }

    public String describe() {
      return "create account "
          + name
          + " uid "
          + uid
          + " shell "
          + shell
          + (groups.isEmpty() ? "" : " groups " + String.join(",", groups));
    }
  }

  record SetShell(String name, String from, String to) implements Change {
    public String describe() {
      return "set shell of " + name + " from " + from + " to " + to;
    }
  }

  /** {@code groups} is the account's whole new list of supplementary groups (usermod -G). */
  record SetGroups(String name, List<String> groups, Set<String> joined, Set<String> left)
      implements Change {
    public SetGroups {
      groups = List.copyOf(groups);
      joined = Set.copyOf(joined);
      left = Set.copyOf(left);
    }

    public String describe() {
      return "groups of "
          + name
          + ":"
          + (joined.isEmpty() ? "" : " join " + String.join(",", sorted(joined)))
          + (left.isEmpty() ? "" : " leave " + String.join(",", sorted(left)));
    }
  }

  /** Also ends the account's running processes (its open sessions). */
  record Lock(String name, int uid, String reason) implements Change {
    public String describe() {
      return "lock account " + name + " (" + reason + ")";
    }
  }

  record Unlock(String name) implements Change {
    public String describe() {
      return "unlock account " + name + " (back in the directory's groups)";
    }
  }

  /** Ends the account's processes first: userdel refuses an account that still runs any. */
  record Remove(String name, int uid, String reason) implements Change {
    public String describe() {
      return "remove account " + name + " and its home (" + reason + ")";
    }
  }

  /** The state file names an account that is no longer the one created here: stop managing it. */
  record Forget(String name, String reason) implements Change {
    public String describe() {
      return "forget account " + name + " (" + reason + "); it is left as it is";
    }
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
