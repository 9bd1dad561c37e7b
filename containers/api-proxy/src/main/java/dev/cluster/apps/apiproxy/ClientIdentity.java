package dev.cluster.apps.apiproxy;

import dev.cluster.apps.common.FrontDoorIdentity;
import io.javalin.http.Context;

/**
 * Whom a request counts against: the signed-in user, or else the client's address as the front door
 * passes it in {@code X-Real-IP} (which it sets, replacing any the client sent), or else the peer.
 */
final class ClientIdentity {
  static final String REAL_IP_HEADER = "X-Real-IP";

  private ClientIdentity() {}

  static String of(Context ctx) {
    return FrontDoorIdentity.of(ctx)
        .map(user -> "user:" + user.name())
        .orElseGet(
            () -> {
              String realIp = ctx.header(REAL_IP_HEADER);
              return "addr:"
                  + (realIp == null || realIp.isBlank()
                      ? ctx.req().getRemoteAddr()
                      : realIp.strip());
            });
  }
}
