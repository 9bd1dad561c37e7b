package dev.cluster.runtime.agent;

import dev.cluster.runtime.text.ClosestWord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of one agent: {@code --name value} pairs (a name may repeat), operands (only for agents that
 * take them, such as {@code secrets-env NAME=SECRET_ID ...}) and, after {@code --}, the wrapped command, kept
 * verbatim.
 */
public record Options(Map<String, List<String>> values, List<String> operands, List<String> command) {

    public Options {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Map.copyOf(copy);
        operands = List.copyOf(operands);
        command = List.copyOf(command);
    }

    public Options(Map<String, List<String>> values, List<String> command) {
        this(values, List.of(), command);
    }

    /**
     * Parses {@code args} as {@code spec} allows: {@code --option value} pairs, the spec's flags alone, its operands
     * if it takes them, and after {@code --} the wrapped command verbatim. An option the spec does not know is
     * refused, naming it, the closest known one and the known ones.
     */
    public static Options parse(List<String> args, OptionSpec spec) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return new Options(values, operands, args.subList(i + 1, args.size()));
            }
            if (!arg.startsWith("--")) {
                if (!spec.operands()) {
                    throw new IllegalArgumentException("expected --option value, got: " + arg);
                }
                operands.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (!spec.knows(name)) {
                throw new IllegalArgumentException(unknown(name, spec));
            }
            if (spec.flags().contains(name)) {
                values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
        }
        return new Options(values, operands, List.of());
    }

    private static String unknown(String name, OptionSpec spec) {
        List<String> known = spec.names().stream().map(option -> "--" + option).toList();
        return "unknown option --" + name + ClosestWord.suggestion("--" + name, known) + "; known: " + String.join(", ", known);
    }

    public Optional<String> optional(String name) {
        List<String> all = values.getOrDefault(name, List.of());
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException("missing --" + name));
    }

    public String get(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
