package dev.cluster.runtime.accounts;

import java.util.OptionalInt;
import java.util.Set;

/**
 * An enabled account of the directory that is a member of at least one of the groups this system
 * takes: its name (also the local account's), its {@code uidNumber} attribute if it has one, and
 * which of those groups it is in.
 */
public record Person(String name, OptionalInt uid, Set<String> groups) {
  public Person {
    groups = Set.copyOf(groups);
  }
}
