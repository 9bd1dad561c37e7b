package dev.cluster.runtime.accounts;

import java.util.Collection;
import java.util.OptionalInt;

/**
 * The UIDs the directory hands out: {@code users add} gives each new account the next one after the
 * highest in use, from {@value #FIRST} to {@value #LAST} (above Debian's and Flatcar's ranges for
 * local users, below 65534's nobody), so a person has the same UID on every system and a UID is
 * never given to a second person.
 */
public final class UidNumbers {
  public static final int FIRST = 20000;
  public static final int LAST = 59999;

  private UidNumbers() {}

  public static int next(Collection<OptionalInt> inUse) {
    int highest =
        inUse.stream()
            .filter(OptionalInt::isPresent)
            .mapToInt(OptionalInt::getAsInt)
            .filter(uid -> uid >= FIRST && uid <= LAST)
            .max()
            .orElse(FIRST - 1);
    if (highest >= LAST) {
      throw new IllegalStateException(
          "every uidNumber from " + FIRST + " to " + LAST + " is taken");
    }
    return highest + 1;
  }
}
