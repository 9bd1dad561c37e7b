package dev.cluster.processor.model;

import java.util.List;

/**
 * A {@code @Route} through the front door; {@code allow} holds group ids, {@code openPaths} the
 * path prefixes anyone may GET without signing in.
 */
public record RouteSpec(
    String subdomain,
    int port,
    List<String> allow,
    int maxBodyMb,
    List<String> openPaths,
    Origin origin) {
  public RouteSpec {
    allow = List.copyOf(allow);
    openPaths = List.copyOf(openPaths);
  }
}
