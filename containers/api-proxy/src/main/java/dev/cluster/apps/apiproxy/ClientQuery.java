package dev.cluster.apps.apiproxy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A client's query string as its {@code name=value} parameters, each as the client encoded it,
 * checked to be what a URL can carry: a character it may hold only percent-encoded ({@code | ^ " \
 * `} ...) or a broken escape ({@code %zz}) is the client's 400 before anything is built from it.
 */
record ClientQuery(List<String> parameters) {
  static final ClientQuery NONE = new ClientQuery(List.of());

  ClientQuery {
    parameters = List.copyOf(parameters);
  }

  static ClientQuery parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return NONE;
    }
    UriCharacters.percentDecode(raw, UriCharacters::isQueryCharacter, "the query string");
    return new ClientQuery(Arrays.stream(raw.split("&")).filter(p -> !p.isEmpty()).toList());
  }

  /** Without the parameters called {@code name}, however the client encoded that name. */
  ClientQuery without(String name) {
    return new ClientQuery(parameters.stream().filter(p -> !decodedName(p).equals(name)).toList());
  }

  /** The query as the client sent it, less empty parameters. */
  String text() {
    return String.join("&", parameters);
  }

  private static String decodedName(String parameter) {
    String name = parameter.split("=", 2)[0].replace("+", "%20");
    return new String(
        UriCharacters.percentDecode(name, c -> true, "a query parameter name"),
        StandardCharsets.UTF_8);
  }
}
