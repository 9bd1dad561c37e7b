package dev.cluster.runtime.accounts;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What this system wants from the directory: the members of {@code groups} get an account with
 * {@code shell}; a member of a directory group in {@code localGroups} also joins those local groups
 * (e.g. admins -> sudo); an account whose person left is locked at once and removed after {@code
 * gracePeriod}. UIDs outside {@code [minUid, maxUid]} are refused, so a directory entry can never
 * name root or a system account's UID.
 */
public record SyncPolicy(
    Set<String> groups,
    Map<String, Set<String>> localGroups,
    String shell,
    Duration gracePeriod,
    int minUid,
    int maxUid) {

  public SyncPolicy {
    groups = Set.copyOf(groups);
    localGroups = Map.copyOf(localGroups);
  }

  /** The local groups whose membership this agent keeps in line: every target of the mapping. */
  public Set<String> managedLocalGroups() {
    Set<String> all = new TreeSet<>();
    localGroups.values().forEach(all::addAll);
    return all;
  }

  /** The local groups a member of these directory groups joins. */
  public Set<String> localGroupsFor(Set<String> directoryGroups) {
    Set<String> wanted = new TreeSet<>();
    directoryGroups.forEach(g -> wanted.addAll(localGroups.getOrDefault(g, Set.of())));
    return wanted;
  }
}
