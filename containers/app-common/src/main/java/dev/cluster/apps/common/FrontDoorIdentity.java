package dev.cluster.apps.common;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in user as the front door tells it: nginx's {@code auth_request} sets these headers
 * from the auth gateway's answer, after removing any copy the client sent, together with the
 * gateway's {@link FrontDoorProof}. An app believes them only with that proof ({@link
 * FrontDoorTrust}, checked by {@link AppServer} before every handler), not because of where the
 * request came from.
 */
public final class FrontDoorIdentity {
  public static final String USER_HEADER = "X-Auth-Request-User";
  public static final String GROUPS_HEADER = "X-Auth-Request-Groups";

  private FrontDoorIdentity() {}

  /** The user the front door proved signed in, if any. */
  public static Optional<SignedInUser> of(Context ctx) {
    return Optional.ofNullable(ctx.attribute(FrontDoorTrust.VERIFIED_USER));
  }

  /**
   * The signed-in user, or a 401 for a request that did not come through the front door's sign-in.
   */
  public static SignedInUser required(Context ctx) {
    return of(ctx).orElseThrow(() -> new UnauthorizedResponse("sign in through the front door"));
  }

  static List<String> groups(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    return Arrays.stream(header.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
  }
}
