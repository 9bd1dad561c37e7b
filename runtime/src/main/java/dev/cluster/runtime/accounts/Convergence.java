package dev.cluster.runtime.accounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The pure heart of accounts-sync: from what the directory says, what the system has and which
 * accounts this agent created, the changes that make the system agree. It only ever changes
 * accounts of its state file whose UID is still the one it created them with; any other account
 * (system, hand-made, or a name clash) is never touched.
 */
public final class Convergence {

  /** Names useradd accepts and the key service serves (the same rule as {@code users add}). */
  static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

  private Convergence() {}

  public static Plan plan(
      Collection<Person> directory,
      LocalSystem local,
      Map<String, ManagedAccount> state,
      SyncPolicy policy,
      Instant now) {
    List<Change> changes = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, ManagedAccount> managed = new TreeMap<>();
    for (ManagedAccount account : new TreeMap<>(state).values()) {
      Optional<LocalUser> user = local.user(account.name());
      if (user.isEmpty()) {
        changes.add(new Change.Forget(account.name(), "no local account of that name any more"));
      } else if (user.get().uid() != account.uid()) {
        changes.add(
            new Change.Forget(
                account.name(),
                "its UID is now "
                    + user.get().uid()
                    + ", not the "
                    + account.uid()
                    + " it was created with"));
      } else {
        managed.put(account.name(), account);
      }
    }
    Map<String, Person> people = new TreeMap<>();
    Map<Integer, List<String>> namesByUid = new HashMap<>();
    for (Person person : directory) {
      if (!USER_NAME.matcher(person.name()).matches()) {
        skipped.add(person.name() + ": not a valid local account name");
      } else if (person.uid().isEmpty()) {
        skipped.add(person.name() + ": no uidNumber in the directory (users add assigns one)");
      } else if (person.uid().getAsInt() < policy.minUid()
          || person.uid().getAsInt() > policy.maxUid()) {
        skipped.add(
            person.name()
                + ": uidNumber "
                + person.uid().getAsInt()
                + " is outside "
                + policy.minUid()
                + "-"
                + policy.maxUid());
      } else {
        people.put(person.name(), person);
        namesByUid
            .computeIfAbsent(person.uid().getAsInt(), u -> new ArrayList<>())
            .add(person.name());
      }
    }
    namesByUid.forEach(
        (uid, names) -> {
          if (names.size() > 1) {
            names.forEach(
                n -> {
                  people.remove(n);
                  skipped.add(
                      n
                          + ": uidNumber "
                          + uid
                          + " is also "
                          + String.join(", ", names)
                          + "'s in the directory");
                });
          }
        });
    skipped.sort(null);
    createMissingGroups(people.values(), local, policy, changes);
    for (Person person : people.values()) {
      ManagedAccount account = managed.get(person.name());
      if (account == null) {
        create(person, local, policy, changes, skipped);
      } else {
        keepInLine(
            person,
            account,
            local.user(person.name()).orElseThrow(),
            local,
            policy,
            changes,
            skipped);
      }
    }
    for (ManagedAccount account : managed.values()) {
      if (people.containsKey(account.name())) {
        continue;
      }
      if (account.lockedSince().isEmpty()) {
        changes.add(
            new Change.Lock(
                account.name(),
                account.uid(),
                "no longer in " + String.join(", ", new TreeSet<>(policy.groups()))));
      } else if (!now.isBefore(account.lockedSince().get().plus(policy.gracePeriod()))) {
        changes.add(
            new Change.Remove(
                account.name(),
                account.uid(),
                "locked since "
                    + account.lockedSince().get()
                    + ", grace period "
                    + policy.gracePeriod()
                    + " over"));
      } else if (!local.user(account.name()).orElseThrow().locked()) {
        changes.add(
            new Change.Lock(
                account.name(),
                account.uid(),
                "unlocked by someone, but its person is still gone"));
      }
    }
    return new Plan(changes, skipped);
  }

  private static void createMissingGroups(
      Collection<Person> people, LocalSystem local, SyncPolicy policy, List<Change> changes) {
    Set<String> needed = new TreeSet<>();
    people.forEach(p -> needed.addAll(policy.localGroupsFor(p.groups())));
    needed.stream()
        .filter(g -> !local.hasGroup(g))
        .forEach(g -> changes.add(new Change.CreateGroup(g)));
  }

  private static void create(
      Person person,
      LocalSystem local,
      SyncPolicy policy,
      List<Change> changes,
      List<String> skipped) {
    int uid = person.uid().getAsInt();
    if (local.user(person.name()).isPresent()) {
      skipped.add(
          person.name()
              + ": a local account "
              + person.name()
              + " exists that accounts-sync did not create; it is left alone");
      return;
    }
    Optional<LocalUser> owner = local.userWithUid(uid);
    if (owner.isPresent()) {
      skipped.add(
          person.name() + ": uidNumber " + uid + " belongs to local account " + owner.get().name());
      return;
    }
    changes.add(
        new Change.CreateAccount(
            person.name(),
            uid,
            policy.shell(),
            List.copyOf(policy.localGroupsFor(person.groups()))));
  }

  private static void keepInLine(
      Person person,
      ManagedAccount account,
      LocalUser user,
      LocalSystem local,
      SyncPolicy policy,
      List<Change> changes,
      List<String> skipped) {
    if (person.uid().getAsInt() != account.uid()) {
      skipped.add(
          person.name()
              + ": uidNumber changed in the directory from "
              + account.uid()
              + " to "
              + person.uid().getAsInt()
              + "; the account keeps "
              + account.uid()
              + " (its files are owned by it): remove it by hand to recreate it");
    }
    if (account.lockedSince().isPresent() || user.locked()) {
      changes.add(new Change.Unlock(person.name()));
    }
    if (!user.shell().equals(policy.shell())) {
      changes.add(new Change.SetShell(person.name(), user.shell(), policy.shell()));
    }
    Set<String> current = local.groupsOf(person.name());
    Set<String> wanted = policy.localGroupsFor(person.groups());
    Set<String> joined = new TreeSet<>(wanted);
    joined.removeAll(current);
    Set<String> left = new TreeSet<>(current);
    left.retainAll(policy.managedLocalGroups());
    left.removeAll(wanted);
    if (!joined.isEmpty() || !left.isEmpty()) {
      Set<String> all = new TreeSet<>(current);
      all.addAll(joined);
      all.removeAll(left);
      changes.add(new Change.SetGroups(person.name(), List.copyOf(all), joined, left));
    }
  }
}
