package dev.cluster.apps.common;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The signed-in user as the front door tells it: nginx's {@code auth_request} sets these headers from the
 * identity provider's answer, after removing any copy the client sent, so an app trusts them because it is
 * only reachable through the front door (its port opens to the front door's machines only).
 */
public final class FrontDoorIdentity {
  public static final String USER_HEADER = "X-Auth-Request-User";
  public static final String GROUPS_HEADER = "X-Auth-Request-Groups";

  private FrontDoorIdentity() {}

  public static Optional<SignedInUser> of(Context ctx) {
    String user = ctx.header(USER_HEADER);
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new SignedInUser(user.strip(), groups(ctx.header(GROUPS_HEADER))));
  }

  /** The signed-in user, or a 401 for a request that did not come through the front door's sign-in. */
  public static SignedInUser required(Context ctx) {
    return of(ctx).orElseThrow(() -> new UnauthorizedResponse("sign in through the front door"));
  }

  private static List<String> groups(String header) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    return Arrays.stream(header.split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList();
  }
}
