package dev.cluster.containers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own rules for a Containerfile, beyond what dockerfile-utils checks: every base
 * pinned to a version through an ARG default or literally (never {@code latest}), EXPOSE ports in
 * 1..65535, and in the final stage a HEALTHCHECK and a non-root USER, unless the caller allows
 * their absence.
 */
final class ContainerfileRules {
  private ContainerfileRules() {}

  record Instruction(int line, String keyword, String arguments) {}

  /** What the caller allows one Containerfile, each with its reason (null: not allowed). */
  record Exceptions(String runsAsRoot, String noHealthcheck) {
    static final Exceptions NONE = new Exceptions(null, null);
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");
  private static final Pattern PORT = Pattern.compile("(\\d+)(?:-(\\d+))?(?:/(tcp|udp|sctp))?");

  static List<String> check(String text, Exceptions exceptions) {
    List<String> findings = new ArrayList<>();
    Map<String, String> args = new HashMap<>();
    String user = null;
    boolean healthcheck = false;
    boolean sawFrom = false;
    for (Instruction ins : parse(text)) {
      String at = "line " + ins.line() + ": ";
      switch (ins.keyword()) {
        case "ARG" -> {
          String[] nameValue = ins.arguments().split("=", 2);
          if (nameValue.length == 2) {
            String value = unquote(nameValue[1].trim());
            args.put(nameValue[0].trim(), value);
            if (value.matches(".*:latest(@.*)?")) {
              findings.add(at + "ARG " + nameValue[0].trim() + " names a latest tag: " + value);
            }
          }
        }
        case "FROM" -> {
          sawFrom = true;
          user = null;
          healthcheck = false;
          checkBase(at, ins.arguments(), args, findings);
        }
        case "USER" -> user = ins.arguments().trim();
        case "HEALTHCHECK" ->
            healthcheck =
                !ins.arguments().trim().equalsIgnoreCase("NONE")
                    || exceptions.noHealthcheck() != null;
        case "EXPOSE" -> checkPorts(at, ins.arguments(), findings);
        default -> {}
      }
    }
    if (!sawFrom) {
      findings.add("no FROM");
    }
    if (!healthcheck && exceptions.noHealthcheck() == null) {
      findings.add("no HEALTHCHECK in the final stage");
    }
    boolean root = user == null || user.matches("(root|0)(:.*)?");
    if (root && exceptions.runsAsRoot() == null) {
      findings.add(
          user == null ? "no USER: the final stage runs as root" : "USER " + user + " is root");
    }
    return findings;
  }

  private static void checkBase(
      String at, String arguments, Map<String, String> args, List<String> findings) {
    String ref =
        List.of(arguments.trim().split("\\s+")).stream()
            .filter(w -> !w.startsWith("--"))
            .findFirst()
            .orElse("");
    Matcher variable = VARIABLE.matcher(ref);
    StringBuilder resolved = new StringBuilder();
    while (variable.find()) {
      String value = args.get(variable.group(1));
      if (value == null) {
        findings.add(
            at + "FROM uses " + variable.group(1) + ", an ARG without a pinned default before it");
        return;
      }
      variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    variable.appendTail(resolved);
    String image = resolved.toString();
    if (image.equals("scratch") || image.contains("@sha256:")) {
      return;
    }
    String lastPart = image.substring(image.lastIndexOf('/') + 1);
    int colon = lastPart.indexOf(':');
    if (colon < 0) {
      findings.add(at + "base " + image + " has no tag: pin a version");
    } else if (lastPart.substring(colon + 1).equals("latest")) {
      findings.add(at + "base " + image + " is latest: pin a version");
    }
  }

  private static void checkPorts(String at, String arguments, List<String> findings) {
    for (String port : arguments.trim().split("\\s+")) {
      if (port.startsWith("$")) {
        continue; // an ARG or ENV: dockerfile-utils checks what it can of those
      }
      Matcher m = PORT.matcher(port);
      if (!m.matches()) {
        findings.add(at + "EXPOSE " + port + " is not a port");
        continue;
      }
      for (String number : new String[] {m.group(1), m.group(2)}) {
        if (number != null
            && (number.length() > 5
                || Integer.parseInt(number) < 1
                || Integer.parseInt(number) > 65535)) {
          findings.add(at + "EXPOSE " + port + ": port outside 1..65535");
        }
      }
    }
  }

  /**
   * Instructions with continuation lines joined and comments dropped, numbered by their first line.
   */
  static List<Instruction> parse(String text) {
    List<Instruction> instructions = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int first = i + 1;
      StringBuilder joined = new StringBuilder();
      while (line.endsWith("\\") && i + 1 < lines.length) {
        joined.append(line, 0, line.length() - 1).append(' ');
        line = lines[++i].strip();
        while (line.startsWith("#") && i + 1 < lines.length) {
          line =
              lines[++i].strip(); // comment lines inside a continued instruction are skipped by the
          // builder
        }
      }
      joined.append(line);
      String[] keywordRest = joined.toString().split("\\s+", 2);
      instructions.add(
          new Instruction(
              first, keywordRest[0].toUpperCase(), keywordRest.length > 1 ? keywordRest[1] : ""));
    }
    return instructions;
  }

  private static String unquote(String value) {
    return value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))
        ? value.substring(1, value.length() - 1)
        : value;
  }
}
