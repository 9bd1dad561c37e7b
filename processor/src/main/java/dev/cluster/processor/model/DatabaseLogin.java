package dev.cluster.processor.model;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How an app logs in to its own derived database: the user created for it and its database, and the
 * connection URL of the engine (Postgres needs {@code sslmode=disable}: the members speak no TLS,
 * and many clients, lib/pq's among them, require it by default).
 */
public record DatabaseLogin(ServiceKind kind, String user, String database) {
  public static Optional<DatabaseLogin> of(ServiceSpec database) {
    return switch (database.kind()) {
      case POSTGRES ->
          database
              .postgres()
              .map(pg -> new DatabaseLogin(ServiceKind.POSTGRES, pg.role(), pg.database()));
      case MARIADB ->
          Optional.of(
              new DatabaseLogin(
                  ServiceKind.MARIADB,
                  env(database, ImageVariables.MARIADB_USER),
                  env(database, ImageVariables.MARIADB_DATABASE)));
      default -> Optional.empty();
    };
  }

  /**
   * The URL of this login at {@code hostPort}, with {@code password} as it is (already encoded or a
   * placeholder).
   */
  public String url(String hostPort, String password) {
    String scheme = kind == ServiceKind.POSTGRES ? "postgres" : "mysql";
    String options = kind == ServiceKind.POSTGRES ? "?sslmode=disable" : "";
    return scheme
        + "://"
        + percentEncoded(user)
        + ":"
        + password
        + "@"
        + hostPort
        + "/"
        + percentEncoded(database)
        + options;
  }

  /**
   * Every byte but RFC 3986's unreserved characters percent-encoded: safe in a URL's user and path.
   */
  public static String percentEncoded(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static String env(ServiceSpec database, String name) {
    return database.env().stream()
        .filter(e -> e.name().equals(name))
        .map(EnvSpec::value)
        .findFirst()
        .orElseThrow();
  }
}
