package dev.cluster.apps.common;

import java.util.List;

/** Who the front door signed in: their account name and the groups it belongs to. */
public record SignedInUser(String name, List<String> groups) {
  public SignedInUser {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a signed-in user has a name");
    }
    groups = List.copyOf(groups);
  }
}
