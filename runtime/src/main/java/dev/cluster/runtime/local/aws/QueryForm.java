package dev.cluster.runtime.local.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The form encoding of AWS's query protocols ({@code Action=...&Filter.1.Name=...}). */
public final class QueryForm {
  private QueryForm() {}

  /** A form-encoded body or a query string: name to decoded value. */
  public static Map<String, String> parse(String encoded) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      form.put(
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  /** The values of a list parameter: {@code prefix1}, {@code prefix2}, ... while present. */
  public static List<String> members(Map<String, String> form, String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; form.containsKey(prefix + i); i++) {
      values.add(form.get(prefix + i));
    }
    return values;
  }
}
