package dev.cluster.contract.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The known word a mistyped one most likely meant, for "did you mean" in the agents' and the deploy
 * client's errors.
 */
public final class ClosestWord {

  private ClosestWord() {}

  /**
   * The known word fewest one-character edits away from {@code given}, if it is close enough to be
   * a typo (at most a third of the word's length, and at least two edits allowed); ties go to the
   * first in order.
   */
  public static Optional<String> to(String given, Collection<String> known) {
    int allowed = Math.max(2, given.length() / 3);
    return known.stream()
        .min(Comparator.comparingInt((String word) -> editDistance(given, word)))
        .filter(word -> editDistance(given, word) <= allowed);
  }

  /** {@code " (did you mean X?)"}, or nothing when no known word is close. */
  public static String suggestion(String given, Collection<String> known) {
    return to(given, known).map(word -> " (did you mean " + word + "?)").orElse("");
  }

  /**
   * Levenshtein distance: how many one-character insertions, deletions or substitutions turn a into
   * b.
   */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
