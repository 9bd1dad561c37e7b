package dev.cluster.runtime.accounts;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The system's user database as read from its files: accounts by name, and the members of each
 * group by group.
 */
public record LocalSystem(Map<String, LocalUser> users, Map<String, Set<String>> groupMembers) {
  public LocalSystem {
    users = Map.copyOf(users);
    Map<String, Set<String>> copy = new TreeMap<>();
    groupMembers.forEach((group, members) -> copy.put(group, Set.copyOf(members)));
    groupMembers = Map.copyOf(copy);
  }

  public Optional<LocalUser> user(String name) {
    return Optional.ofNullable(users.get(name));
  }

  public Optional<LocalUser> userWithUid(int uid) {
    return users.values().stream().filter(u -> u.uid() == uid).findFirst();
  }

  public boolean hasGroup(String group) {
    return groupMembers.containsKey(group);
  }

  /** The groups that list {@code user} as a supplementary member. */
  public Set<String> groupsOf(String user) {
    Set<String> groups = new java.util.TreeSet<>();
    groupMembers.forEach(
        (group, members) -> {
          if (members.contains(user)) {
            groups.add(group);
          }
        });
    return groups;
  }
}
