package dev.cluster.runtime.text;

import java.util.Collection;

/**
 * The deploy client's way to {@link dev.cluster.contract.text.ClosestWord}, which the agents'
 * command lines (in the contract module) use too: one algorithm for every "did you mean".
 */
public final class ClosestWord {

  private ClosestWord() {}

  /** {@code " (did you mean X?)"}, or nothing when no known word is close. */
  public static String suggestion(String given, Collection<String> known) {
    return dev.cluster.contract.text.ClosestWord.suggestion(given, known);
  }
}
