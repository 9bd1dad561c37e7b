package dev.cluster.apps.guard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the guard lets through without a proven identity: what the front door itself forwards
 * without a sign-in, a route's open paths ({@code @Route(openPaths)}, by prefix), and the
 * {@code @Health} path the ambassadors' checks ask for (exactly), both for {@code GET} and {@code
 * HEAD} only. A path is matched raw, as the client wrote it, and only when it is plain (letters,
 * digits, {@code - . _ ~ /}, no {@code .} or {@code ..} segment), the rule the front door applies
 * to its open paths: then the path matched is the path the app reads, and {@code /d/../admin} or
 * {@code /d/%2e%2e/admin} never counts as under {@code /d/}.
 */
final class AnonymousPaths {
  private static final Pattern PLAIN = Pattern.compile("/[A-Za-z0-9._~/-]*");

  private final List<String> prefixes;
  private final Optional<String> health;

  AnonymousPaths(List<String> prefixes, Optional<String> health) {
    this.prefixes = List.copyOf(prefixes);
    this.health = health;
  }

  /** From a comma-separated list of prefixes and a health path, each possibly empty. */
  static AnonymousPaths of(String prefixes, String health) {
    List<String> list =
        Arrays.stream(prefixes.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    return new AnonymousPaths(list, Optional.of(health.strip()).filter(h -> !h.isEmpty()));
  }

  /** Whether a request naming nobody may reach the app: {@code rawPath} without its query. */
  boolean admit(String method, String rawPath) {
    if (!("GET".equals(method) || "HEAD".equals(method)) || !plain(rawPath)) {
      return false;
    }
    return health.filter(rawPath::equals).isPresent()
        || prefixes.stream().anyMatch(rawPath::startsWith);
  }

  private static boolean plain(String rawPath) {
    return rawPath != null
        && PLAIN.matcher(rawPath).matches()
        && Arrays.stream(rawPath.split("/", -1)).noneMatch(s -> s.equals(".") || s.equals(".."));
  }
}
