package dev.cluster.apps.common;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The front door's proofs an app accepted and that have not expired yet, by their nonce: a proof is
 * good for one request, so whoever reads it on its way (the app's own traffic is plain HTTP from
 * nginx to the ambassador) cannot use it again within its minute.
 *
 * <p>Proofs are remembered in the order they were accepted; each acceptance first forgets the
 * expired ones at the head, so the work is O(1) amortised. The gateways' clocks may differ a
 * little, so an entry can sit behind one that expires later and be forgotten a little late, never
 * early. At most {@code capacity} proofs are remembered: when that many unexpired ones are held, a
 * new one is refused ({@link Use#FULL}) rather than forgetting the oldest, which would let exactly
 * the proofs of a busy minute be replayed. The default is far above what one app of the team sees
 * in a minute through one front door, and costs a few MiB at most.
 */
final class SpentProofs {
  /**
   * Proofs of one minute: about 1,600 requests a second to one app process, some 15 MiB when full.
   */
  static final int DEFAULT_CAPACITY = 100_000;

  /** What accepting a proof once more came to. */
  enum Use {
    /** Its first use: it is remembered until it expires. */
    FIRST,
    /** It was accepted before and has not expired: refused. */
    REPLAYED,
    /** {@code capacity} unexpired proofs are remembered: refused until some expire. */
    FULL
  }

  private record Entry(String nonce, Instant expires) {}

  private final int capacity;
  private final Set<String> nonces = new HashSet<>();
  private final ArrayDeque<Entry> byAcceptance = new ArrayDeque<>();

  SpentProofs(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "the capacity of the spent proofs must be positive, not " + capacity);
    }
    this.capacity = capacity;
  }

  /** Spends the proof with {@code nonce}, good until {@code expires}, at {@code now}. */
  synchronized Use spend(String nonce, Instant expires, Instant now) {
    while (!byAcceptance.isEmpty() && !byAcceptance.peekFirst().expires().isAfter(now)) {
      nonces.remove(byAcceptance.removeFirst().nonce());
    }
    if (nonces.contains(nonce)) {
      return Use.REPLAYED;
    }
    if (nonces.size() >= capacity) {
      return Use.FULL;
    }
    nonces.add(nonce);
    byAcceptance.addLast(new Entry(nonce, expires));
    return Use.FIRST;
  }

  /** How many proofs are remembered. */
  synchronized int size() {
    return nonces.size();
  }
}
