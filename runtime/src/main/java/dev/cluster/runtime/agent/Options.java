package dev.cluster.runtime.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** Only {@code --option value} pairs and the wrapped command; a bare word is an error. */
    public static Options parse(List<String> args) {
        return parse(args, false, Set.of());
    }

    /** Like {@link #parse(List)}, but words that are not options are kept as {@link #operands()}. */
    public static Options parseWithOperands(List<String> args) {
        return parse(args, true, Set.of());
    }

    /** Like {@link #parse(List)}, but the named {@code flags} take no value ({@link #flag} tells whether one was given). */
    public static Options parseWithFlags(List<String> args, Set<String> flags) {
        return parse(args, false, flags);
    }

    private static Options parse(List<String> args, boolean operandsAllowed, Set<String> flags) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return new Options(values, operands, args.subList(i + 1, args.size()));
            }
            if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                values.computeIfAbsent(arg.substring(2), k -> new ArrayList<>()).add("true");
                continue;
            }
            if (operandsAllowed && !arg.startsWith("--")) {
                operands.add(arg);
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --option value, got: " + arg);
            }
            values.computeIfAbsent(arg.substring(2), k -> new ArrayList<>()).add(args.get(++i));
        }
        return new Options(values, operands, List.of());
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
