package dev.cluster.runtime.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --url NAME=TEMPLATE} of secrets-env: a connection URL such as {@code
 * postgres://grafana:{GF_DATABASE_PASSWORD}@172.17.0.1:15000/grafana}, each {@code {VARIABLE}}
 * standing for the value of that secret assignment, which {@link #filled} writes percent-encoded
 * (RFC 3986: all but the unreserved characters), so any password is safe in the URL's user
 * information.
 */
record UrlTemplate(List<String> literals, List<String> variables) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  /**
   * Each {@code NAME=TEMPLATE}, by NAME: every placeholder must name one of {@code assigned}, and
   * NAME must be none of them; a URL without a placeholder belongs in the unit, not here.
   */
  static Map<String, UrlTemplate> parseAll(List<String> options, Set<String> assigned) {
    Map<String, UrlTemplate> urls = new LinkedHashMap<>();
    for (String option : options) {
      int eq = option.indexOf('=');
      if (eq <= 0 || eq == option.length() - 1) {
        throw new IllegalArgumentException("expected --url NAME=TEMPLATE, got: " + option);
      }
      String name = option.substring(0, eq);
      if (!SecretsEnvAgent.isEnvName(name)) {
        throw new IllegalArgumentException(
            "--url " + option + ": not an environment variable name: " + name);
      }
      if (assigned.contains(name) || urls.containsKey(name)) {
        throw new IllegalArgumentException(
            "--url " + option + ": variable " + name + " assigned twice");
      }
      urls.put(name, parse(option, option.substring(eq + 1), assigned));
    }
    return urls;
  }

  private static UrlTemplate parse(String option, String template, Set<String> assigned) {
    List<String> literals = new ArrayList<>();
    List<String> variables = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int from = 0;
    while (m.find()) {
      if (!assigned.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "--url "
                + option
                + ": {"
                + m.group(1)
                + "} is none of the secrets"
                + " assigned ("
                + String.join(", ", assigned)
                + ")");
      }
      literals.add(template.substring(from, m.start()));
      variables.add(m.group(1));
      from = m.end();
    }
    String rest = template.substring(from);
    if (variables.isEmpty()
        || rest.indexOf('{') >= 0
        || rest.indexOf('}') >= 0
        || literals.stream().anyMatch(l -> l.indexOf('{') >= 0 || l.indexOf('}') >= 0)) {
      throw new IllegalArgumentException(
          "--url "
              + option
              + ": the template needs {VARIABLE} placeholders and"
              + " no other braces");
    }
    literals.add(rest);
    return new UrlTemplate(List.copyOf(literals), List.copyOf(variables));
  }

  /**
   * The URL with each placeholder replaced by its variable's value in {@code values},
   * percent-encoded.
   */
  String filled(Map<String, String> values) {
    StringBuilder url = new StringBuilder(literals.get(0));
    for (int i = 0; i < variables.size(); i++) {
      url.append(percentEncoded(values.get(variables.get(i)))).append(literals.get(i + 1));
    }
    return url.toString();
  }

  static String percentEncoded(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
