package dev.cluster.runtime.accounts;

import dev.cluster.runtime.deploy.users.KeycloakAdmin;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The people of the directory (Keycloak) in the groups this system takes, read with its own
 * read-only client.
 */
public final class Directory {

  private Directory() {}

  /**
   * Every enabled member of the groups. A group the realm does not have is an error, as is anything
   * Keycloak refuses: the agent must never take a partial answer for people who left.
   */
  public static Collection<Person> people(KeycloakAdmin keycloak, Set<String> groups) {
    Map<String, Person> people = new TreeMap<>();
    for (String name : new TreeSet<>(groups)) {
      KeycloakAdmin.Group group =
          keycloak
              .group(name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the directory has no group " + name + " (check --group)"));
      for (KeycloakAdmin.User user : keycloak.members(group)) {
        if (!user.enabled()) {
          continue;
        }
        Person known = people.get(user.username());
        Set<String> in = new TreeSet<>(known == null ? Set.of() : known.groups());
        in.add(name);
        people.put(user.username(), new Person(user.username(), user.uidNumber(), in));
      }
    }
    return people.values();
  }
}
