package dev.cluster.runtime.deploy.cli;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed command line: the command (absent when only help was asked for), its operands and options. */
public record Invocation(Optional<CommandSpec> command, List<String> operands, Map<Option, List<String>> options) {
    public Invocation {
        operands = List.copyOf(operands);
        options = options.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(options));
    }

    public boolean has(Option option) {
        return options.containsKey(option);
    }

    public Optional<String> value(Option option) {
        return values(option).stream().reduce((first, last) -> last);
    }

    public List<String> values(Option option) {
        return options.getOrDefault(option, List.of());
    }

    public boolean helpRequested() {
        return command.isEmpty() || has(Option.HELP);
    }
}
