package dev.cluster.runtime.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The convergence plan as a pure function: directory + local database + state file -> changes,
 * skips.
 */
class ConvergenceTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final SyncPolicy POLICY =
      new SyncPolicy(
          Set.of("developers", "admins"),
          Map.of("admins", Set.of("sudo", "adm")),
          "/bin/bash",
          Duration.ofDays(7),
          20000,
          59999);
  private static final LocalUser ROOT = new LocalUser("root", 0, "/root", "/bin/bash", false);
  private static final LocalUser HAND_MADE =
      new LocalUser("carol", 1000, "/home/carol", "/bin/sh", false);

  private static Person person(String name, int uid, String... groups) {
    return new Person(name, OptionalInt.of(uid), Set.of(groups));
  }

  private static LocalSystem local(List<LocalUser> users, Map<String, Set<String>> groups) {
    Map<String, LocalUser> byName = new java.util.HashMap<>();
    users.forEach(u -> byName.put(u.name(), u));
    return new LocalSystem(byName, groups);
  }

  private static ManagedAccount managed(String name, int uid) {
    return new ManagedAccount(name, uid, Optional.empty());
  }

  @Test
  void aNewMemberGetsAnAccountWithTheirUidShellAndMappedGroups() {
    Plan plan =
        Convergence.plan(
            List.of(
                person("alice", 20001, "developers", "admins"),
                person("dave", 20002, "developers")),
            local(List.of(ROOT), Map.of("sudo", Set.of())),
            Map.of(),
            POLICY,
            NOW);
    assertEquals(
        List.of(
            new Change.CreateGroup("adm"),
            new Change.CreateAccount("alice", 20001, "/bin/bash", List.of("adm", "sudo")),
            new Change.CreateAccount("dave", 20002, "/bin/bash", List.of())),
        plan.changes());
    assertEquals(List.of(), plan.skipped());
  }

  @Test
  void accountsItDidNotCreateAreNeverTouched() {
    LocalUser daemon = new LocalUser("daemon", 20005, "/usr/sbin", "/usr/sbin/nologin", false);
    Plan plan =
        Convergence.plan(
            List.of(
                person("carol", 20003, "developers"),
                person("root", 20004, "admins"),
                person("erin", 20005, "developers")),
            local(
                List.of(ROOT, HAND_MADE, daemon), Map.of("sudo", Set.of("carol"), "adm", Set.of())),
            Map.of(),
            POLICY,
            NOW);
    assertEquals(List.of(), plan.changes());
    assertEquals(
        List.of(
            "carol: a local account carol exists that accounts-sync did not create; it is left alone",
            "erin: uidNumber 20005 belongs to local account daemon",
            "root: a local account root exists that accounts-sync did not create; it is left alone"),
        plan.skipped());
  }

  @Test
  void aLeaverIsLockedAtOnceAndRemovedAfterTheGracePeriod() {
    LocalUser alice = new LocalUser("alice", 20001, "/home/alice", "/bin/bash", false);
    LocalSystem system =
        local(List.of(ROOT, HAND_MADE, alice), Map.of("sudo", Set.of("alice"), "adm", Set.of()));
    Plan left =
        Convergence.plan(List.of(), system, Map.of("alice", managed("alice", 20001)), POLICY, NOW);
    assertEquals(
        List.of(new Change.Lock("alice", 20001, "no longer in admins, developers")),
        left.changes());

    LocalSystem lockedSystem =
        local(
            List.of(
                ROOT, HAND_MADE, new LocalUser("alice", 20001, "/home/alice", "/bin/bash", true)),
            Map.of("sudo", Set.of("alice")));
    Map<String, ManagedAccount> locked = Map.of("alice", managed("alice", 20001).locked(NOW));
    assertEquals(
        List.of(),
        Convergence.plan(List.of(), lockedSystem, locked, POLICY, NOW.plus(Duration.ofDays(6)))
            .changes());
    assertEquals(
        List.of(
            new Change.Lock("alice", 20001, "unlocked by someone, but its person is still gone")),
        Convergence.plan(List.of(), system, locked, POLICY, NOW.plus(Duration.ofDays(1)))
            .changes());
    Plan removed =
        Convergence.plan(List.of(), lockedSystem, locked, POLICY, NOW.plus(Duration.ofDays(7)));
    assertEquals(1, removed.changes().size());
    assertTrue(
        removed.changes().get(0) instanceof Change.Remove r
            && r.name().equals("alice")
            && r.uid() == 20001,
        removed.toString());
  }

  @Test
  void someoneWhoComesBackWithinTheGracePeriodIsUnlocked() {
    LocalSystem system =
        local(
            List.of(ROOT, new LocalUser("alice", 20001, "/home/alice", "/bin/bash", true)),
            Map.of());
    Plan plan =
        Convergence.plan(
            List.of(person("alice", 20001, "developers")),
            system,
            Map.of("alice", managed("alice", 20001).locked(NOW)),
            POLICY,
            NOW.plus(Duration.ofDays(2)));
    assertEquals(List.of(new Change.Unlock("alice")), plan.changes());
  }

  @Test
  void shellAndMappedGroupsAreKeptInLineAndOtherGroupsKept() {
    LocalUser alice = new LocalUser("alice", 20001, "/home/alice", "/bin/sh", false);
    LocalSystem system =
        local(
            List.of(ROOT, alice),
            Map.of(
                "sudo",
                Set.of("alice"),
                "adm",
                Set.of(),
                "plugdev",
                Set.of("alice"),
                "docker",
                Set.of()));
    Plan demoted =
        Convergence.plan(
            List.of(person("alice", 20001, "developers")),
            system,
            Map.of("alice", managed("alice", 20001)),
            POLICY,
            NOW);
    assertEquals(
        List.of(
            new Change.SetShell("alice", "/bin/sh", "/bin/bash"),
            new Change.SetGroups("alice", List.of("plugdev"), Set.of(), Set.of("sudo"))),
        demoted.changes());
    Plan promoted =
        Convergence.plan(
            List.of(person("alice", 20001, "developers", "admins")),
            local(
                List.of(ROOT, new LocalUser("alice", 20001, "/home/alice", "/bin/bash", false)),
                Map.of("sudo", Set.of(), "adm", Set.of(), "plugdev", Set.of("alice"))),
            Map.of("alice", managed("alice", 20001)),
            POLICY,
            NOW);
    assertEquals(
        List.of(
            new Change.SetGroups(
                "alice", List.of("adm", "plugdev", "sudo"), Set.of("adm", "sudo"), Set.of())),
        promoted.changes());
    assertEquals("groups of alice: join adm,sudo", promoted.changes().get(0).describe());
  }

  @Test
  void entriesWithoutAUsableUidAreSkippedWithTheReason() {
    Plan plan =
        Convergence.plan(
            List.of(
                new Person("nouid", OptionalInt.empty(), Set.of("developers")),
                person("low", 0, "admins"),
                person("twin-a", 20010, "developers"),
                person("twin-b", 20010, "developers"),
                person("Bad Name", 20011, "developers")),
            local(List.of(ROOT), Map.of()),
            Map.of(),
            POLICY,
            NOW);
    assertEquals(List.of(), plan.changes());
    assertEquals(
        List.of(
            "Bad Name: not a valid local account name",
            "low: uidNumber 0 is outside 20000-59999",
            "nouid: no uidNumber in the directory (users add assigns one)",
            "twin-a: uidNumber 20010 is also twin-a, twin-b's in the directory",
            "twin-b: uidNumber 20010 is also twin-a, twin-b's in the directory"),
        plan.skipped());
  }

  @Test
  void aStateEntryThatNoLongerMatchesItsAccountIsForgottenNotTouched() {
    LocalSystem system =
        local(
            List.of(ROOT, new LocalUser("alice", 1005, "/home/alice", "/bin/bash", false)),
            Map.of());
    Plan plan =
        Convergence.plan(
            List.of(),
            system,
            Map.of("alice", managed("alice", 20001), "gone", managed("gone", 20002)),
            POLICY,
            NOW);
    assertEquals(
        List.of(
            new Change.Forget("alice", "its UID is now 1005, not the 20001 it was created with"),
            new Change.Forget("gone", "no local account of that name any more")),
        plan.changes());
  }
}
