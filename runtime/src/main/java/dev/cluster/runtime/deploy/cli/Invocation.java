package dev.cluster.runtime.deploy.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed command line: the command (absent when only help was asked for), its operands and
 * options.
 */
public record Invocation(
    Optional<CommandSpec> command, List<String> operands, Map<Option, List<String>> options) {
  public Invocation {
    operands = List.copyOf(operands);
    options =
        options.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
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
