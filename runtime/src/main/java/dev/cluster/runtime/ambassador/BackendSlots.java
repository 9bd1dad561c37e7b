package dev.cluster.runtime.ambassador;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which backend slot serves which endpoint, and the runtime API commands that move HAProxy from the
 * current assignment to a desired set of endpoints. New endpoints are enabled first; then slots of
 * endpoints that left are put in maintenance and their sessions shut down, so clients of an old
 * leader are cut at once instead of writing to a demoted or partitioned server.
 */
public final class BackendSlots {

  private final String backend;
  private final int size;
  private final Map<Integer, Endpoint> assigned = new HashMap<>();

  public BackendSlots(String backend, int size) {
    this.backend = backend;
    this.size = size;
  }

  /**
   * Commands to serve exactly {@code desired} (endpoints beyond the number of slots are left out).
   */
  public synchronized List<String> reconcile(Set<Endpoint> desired) {
    List<String> enable = new ArrayList<>();
    List<String> disable = new ArrayList<>();
    Set<Endpoint> missing = new LinkedHashSet<>(desired);
    missing.removeAll(assigned.values());
    Set<Integer> leaving = new HashSet<>();
    assigned.forEach(
        (slot, endpoint) -> {
          if (!desired.contains(endpoint)) {
            leaving.add(slot);
          }
        });
    for (Endpoint endpoint : missing) {
      Optional<Integer> free = freeSlot(leaving);
      if (free.isEmpty()) {
        break;
      }
      String server = server(free.get());
      enable.add("set server " + server + " addr " + endpoint.host() + " port " + endpoint.port());
      enable.add("set server " + server + " state ready");
      assigned.put(free.get(), endpoint);
    }
    for (int slot : leaving) {
      String server = server(slot);
      disable.add("set server " + server + " state maint");
      disable.add("shutdown sessions server " + server);
      assigned.remove(slot);
    }
    enable.addAll(disable);
    return enable;
  }

  /** A slot neither serving nor still holding the sessions of an endpoint that is leaving. */
  private Optional<Integer> freeSlot(Set<Integer> leaving) {
    for (int slot = 1; slot <= size; slot++) {
      if (!assigned.containsKey(slot) && !leaving.contains(slot)) {
        return Optional.of(slot);
      }
    }
    return Optional.empty();
  }

  private String server(int slot) {
    return backend + "/" + HaproxyConfig.SLOT_PREFIX + slot;
  }
}
