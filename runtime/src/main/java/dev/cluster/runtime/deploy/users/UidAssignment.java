package dev.cluster.runtime.deploy.users;

import dev.cluster.runtime.accounts.UidNumbers;
import dev.cluster.runtime.deploy.console.DeployException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Gives each account a {@code uidNumber} no other account has, even when several admins add
 * accounts at once: the number is first taken in Keycloak ({@link KeycloakAdmin#claimUidNumber},
 * atomic), then written to the account. Numbers held by accounts from before the claims existed
 * count as taken too.
 */
final class UidAssignment {
  private static final int TRIES = 50;

  private UidAssignment() {}

  /** Creates the account with a uidNumber of its own. */
  static KeycloakAdmin.User create(
      KeycloakAdmin admin, String username, String email, String temporaryPassword) {
    return admin.create(username, email, temporaryPassword, claim(admin, username));
  }

  /** Gives an account that has no uidNumber one of its own; returns the number. */
  static int assign(KeycloakAdmin admin, KeycloakAdmin.User account) {
    int uid = claim(admin, account.username());
    admin.assignUidNumber(account, uid);
    return uid;
  }

  private static int claim(KeycloakAdmin admin, String username) {
    List<OptionalInt> taken = new ArrayList<>();
    admin.users().forEach(u -> taken.add(u.uidNumber()));
    admin.claimedUidNumbers().forEach(n -> taken.add(OptionalInt.of(n)));
    int candidate = UidNumbers.next(taken);
    for (int tries = 0; tries < TRIES; tries++, candidate++) {
      if (candidate > UidNumbers.LAST) {
        break;
      }
      if (admin.claimUidNumber(candidate)) {
        return candidate;
      }
    }
    throw new DeployException(
        "could not take a uidNumber for "
            + username
            + " after "
            + TRIES
            + " tries (other admins are adding accounts): try again");
  }
}
