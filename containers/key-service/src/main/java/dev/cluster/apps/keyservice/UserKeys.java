package dev.cluster.apps.keyservice;

import java.util.List;

/** One user's file: their groups as the front door last said, and their keys in the order added. */
public record UserKeys(List<String> groups, List<PublicKey> keys) {
  public static final UserKeys NONE = new UserKeys(List.of(), List.of());

  public UserKeys {
    groups = List.copyOf(groups);
    keys = List.copyOf(keys);
  }
}
