package dev.cluster.runtime.deploy.cli;

import dev.cluster.runtime.text.ClosestWord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code [options] COMMAND [SUBCOMMAND] [operands] [options]}. Options may stand anywhere,
 * as {@code --name value} or {@code --name=value}; {@code --} ends them.
 */
public final class ArgumentParser {
    private ArgumentParser() {
    }

    public static Invocation parse(String[] args) {
        List<String> words = new ArrayList<>();
        Map<Option, List<String>> options = new EnumMap<>(Option.class);
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                words.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else {
                int equals = arg.indexOf('=');
                String flag = equals < 0 ? arg : arg.substring(0, equals);
                Option option = Option.byFlag(flag)
                        .orElseThrow(() -> new UsageException("unknown option " + flag
                                + ClosestWord.suggestion(flag, Arrays.stream(Option.values()).map(Option::flag).toList())
                                + " (see --help)"));
                String value = null;
                if (option.takesValue()) {
                    if (equals >= 0) {
                        value = arg.substring(equals + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException(option.flag() + " needs a value: " + option.synopsis());
                    }
                } else if (equals >= 0) {
                    throw new UsageException(option.flag() + " takes no value");
                }
                List<String> values = options.computeIfAbsent(option, o -> new ArrayList<>());
                if (!values.isEmpty() && !option.repeatable()) {
                    throw new UsageException(option.flag() + " given more than once");
                }
                if (value != null) {
                    values.add(value);
                }
            }
        }
        if (words.size() == 1 && words.get(0).equals("help")) {
            words.clear();
        }
        if (words.size() >= 2 && words.get(0).equals("help")) {
            words.remove(0);
            options.put(Option.HELP, List.of());
        }
        if (words.isEmpty()) {
            return new Invocation(Optional.empty(), List.of(), options);
        }
        CommandSpec command = findCommand(words);
        List<String> operands = words.subList(command.words().split(" ").length, words.size());
        checkAllowed(command, options, operands);
        return new Invocation(Optional.of(command), operands, options);
    }

    private static CommandSpec findCommand(List<String> words) {
        String first = words.get(0);
        String two = words.size() > 1 ? first + " " + words.get(1) : first;
        return CommandSpec.ALL.stream()
                .filter(spec -> spec.words().equals(first) || spec.words().equals(two))
                .findFirst()
                .orElseThrow(() -> new UsageException(unknownCommandMessage(first, words)));
    }

    private static String unknownCommandMessage(String first, List<String> words) {
        List<String> subcommands = CommandSpec.ALL.stream()
                .map(CommandSpec::words)
                .filter(w -> w.startsWith(first + " "))
                .map(w -> w.substring(first.length() + 1))
                .toList();
        if (!subcommands.isEmpty()) {
            String given = words.size() > 1
                    ? "unknown " + first + " command '" + words.get(1) + "'" + ClosestWord.suggestion(words.get(1), subcommands)
                    : first + " needs a command";
            return given + ": one of " + String.join(", ", subcommands);
        }
        List<String> commands = CommandSpec.ALL.stream().map(spec -> spec.words().split(" ")[0]).distinct().toList();
        return "unknown command '" + first + "'" + ClosestWord.suggestion(first, commands) + " (see --help for the commands)";
    }

    private static void checkAllowed(CommandSpec command, Map<Option, List<String>> options, List<String> operands) {
        for (Option option : options.keySet()) {
            if (!command.options().contains(option)) {
                throw new UsageException(command.words() + " does not take " + option.flag());
            }
        }
        if (!command.takesOperands() && !operands.isEmpty() && !options.containsKey(Option.HELP)) {
            throw new UsageException(command.words() + " takes no arguments, got: " + String.join(" ", operands));
        }
    }
}
