package dev.cluster.runtime.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a system's user database from its files under a root ({@code /etc/passwd}, {@code
 * /etc/group}, {@code /etc/shadow}). Reading only: every change goes through useradd, usermod,
 * userdel and groupadd.
 */
public final class UserDatabase {

  private UserDatabase() {}

  public static LocalSystem read(Path root, Instant now) throws IOException {
    Map<String, Boolean> locked = lockedByName(root.resolve("etc/shadow"), now);
    Map<String, LocalUser> users = new HashMap<>();
    for (List<String> fields : entries(root.resolve("etc/passwd"), 7)) {
      String name = fields.get(0);
      users.put(
          name,
          new LocalUser(
              name,
              Integer.parseInt(fields.get(2)),
              fields.get(5),
              fields.get(6),
              locked.getOrDefault(name, false)));
    }
    Map<String, Set<String>> groups = new HashMap<>();
    for (List<String> fields : entries(root.resolve("etc/group"), 4)) {
      Set<String> members = new HashSet<>();
      for (String member : fields.get(3).split(",")) {
        if (!member.isEmpty()) {
          members.add(member);
        }
      }
      groups.put(fields.get(0), members);
    }
    return new LocalSystem(users, groups);
  }

  /**
   * Locked: a password field starting with '!' (usermod --lock), or an expiry date that has come.
   */
  private static Map<String, Boolean> lockedByName(Path shadow, Instant now) throws IOException {
    long today = ChronoUnit.DAYS.between(Instant.EPOCH, now);
    Map<String, Boolean> locked = new HashMap<>();
    for (List<String> fields : entries(shadow, 8)) {
      String expire = fields.get(7);
      boolean expired = !expire.isEmpty() && Long.parseLong(expire) <= today;
      locked.put(fields.get(0), fields.get(1).startsWith("!") || expired);
    }
    return locked;
  }

  private static List<List<String>> entries(Path file, int minFields) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(
            line ->
                !line.isBlank()
                    && !line.startsWith("#")
                    && !line.startsWith("+")
                    && !line.startsWith("-"))
        .map(line -> List.of(line.split(":", -1)))
        .peek(
            fields -> {
              if (fields.size() < minFields) {
                throw new IllegalStateException(
                    file
                        + " has a line of "
                        + fields.size()
                        + " fields, expected "
                        + minFields
                        + ": "
                        + fields.get(0));
              }
            })
        .toList();
  }
}
