package dev.cluster.processor.model;

import java.util.List;

/** A {@code @Route} through the front door; {@code allow} holds group ids. */
public record RouteSpec(String subdomain, int port, List<String> allow, int maxBodyMb, Origin origin) {
  public RouteSpec {
    allow = List.copyOf(allow);
  }
}
