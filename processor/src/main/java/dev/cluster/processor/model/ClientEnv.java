package dev.cluster.processor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables under which an app reads a service it uses: the conventional {@code
 * <PREFIX>_HOST}, {@code _PORT} (and for a database {@code _USER}, {@code _PASSWORD}, {@code
 * _NAME}), or those its {@code @DbEnv} renames. An empty name is a variable the app does not get:
 * Redis and apps have no user, password or database name, and {@code url} is empty unless asked
 * for.
 */
public record ClientEnv(
    String host, String port, String user, String password, String database, String url) {
  /** The conventional names of what {@code kind} offers its users, starting with {@code prefix}. */
  public static ClientEnv conventional(ServiceKind kind, String prefix) {
    boolean database = kind == ServiceKind.POSTGRES || kind == ServiceKind.MARIADB;
    return new ClientEnv(
        prefix + "_HOST",
        prefix + "_PORT",
        database ? prefix + "_USER" : "",
        database ? prefix + "_PASSWORD" : "",
        database ? prefix + "_NAME" : "",
        "");
  }

  /**
   * These names with each non-empty one of {@code written} (a {@code @DbEnv}'s attributes) in its
   * place.
   */
  public ClientEnv renamedBy(ClientEnv written) {
    return new ClientEnv(
        or(written.host, host),
        or(written.port, port),
        or(written.user, user),
        or(written.password, password),
        or(written.database, database),
        or(written.url, url));
  }

  /**
   * Each name by the {@code @DbEnv} attribute that sets it, in the attributes' order; empty names
   * left out.
   */
  public Map<String, String> byAttribute() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("host", host);
    names.put("port", port);
    names.put("user", user);
    names.put("password", password);
    names.put("database", database);
    names.put("url", url);
    names.values().removeIf(String::isEmpty);
    return names;
  }

  public Optional<String> urlVariable() {
    return url.isEmpty() ? Optional.empty() : Optional.of(url);
  }

  private static String or(String written, String conventional) {
    return written.isEmpty() ? conventional : written;
  }
}
