package dev.cluster.runtime.deploy.cli;

import dev.cluster.runtime.text.ClosestWord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Parses {@code [options] COMMAND [SUBCOMMAND] [operands] [options]} with picocli, whose command
 * tree is built from the {@link CommandSpec}s. Options may stand anywhere, as {@code --name value}
 * or {@code --name=value}; {@code --} ends them; {@code help [COMMAND]} is {@code [COMMAND]
 * --help}. Every mistake is a {@link UsageException} naming it.
 */
public final class ArgumentParser {
  private static final String HELP_COMMAND = "help";

  private final List<CommandSpec> commands;

  public ArgumentParser(List<CommandSpec> commands) {
    this.commands = List.copyOf(commands);
  }

  public Invocation parse(String[] args) {
    ParseResult result;
    try {
      result = commandTree().parseArgs(args);
    } catch (ParameterException e) {
      throw new UsageException(message(e));
    }
    Map<Option, List<String>> options = new EnumMap<>(Option.class);
    List<String> path = new ArrayList<>();
    ParseResult level = result;
    collect(level, options);
    while (level.hasSubcommand()) {
      level = level.subcommand();
      path.add(level.commandSpec().name());
      collect(level, options);
    }
    List<String> operands = level.matchedPositionalValue(0, List.<String>of());
    if (path.equals(List.of(HELP_COMMAND))) {
      return operands.isEmpty()
          ? new Invocation(Optional.empty(), List.of(), Map.of(Option.HELP, List.of()))
          : parse(
              Stream.concat(operands.stream(), Stream.of(Option.HELP.flag()))
                  .toArray(String[]::new));
    }
    Optional<CommandSpec> command =
        commands.stream().filter(spec -> spec.path().equals(path)).findFirst();
    if (command.isEmpty() && !path.isEmpty() && !options.containsKey(Option.HELP)) {
      throw new UsageException(
          String.join(" ", path)
              + " needs a command: one of "
              + String.join(", ", subcommands(path)));
    }
    command.ifPresent(spec -> checkAllowed(spec, options));
    return new Invocation(command, operands, options);
  }

  /**
   * The root and every group ("units") take every option, so that options may stand before the
   * command words; each command takes its own, and {@link #checkAllowed} refuses one given earlier
   * that the command does not take.
   */
  private CommandLine commandTree() {
    CommandLine root = new CommandLine(group());
    for (CommandSpec command : commands) {
      CommandLine parent = root;
      List<String> path = command.path();
      for (String word : path.subList(0, path.size() - 1)) {
        CommandLine group = parent.getSubcommands().get(word);
        if (group == null) {
          group = new CommandLine(group());
          parent.addSubcommand(word, group);
        }
        parent = group;
      }
      parent.addSubcommand(path.get(path.size() - 1), new CommandLine(leaf(command)));
    }
    CommandLine.Model.CommandSpec help = group();
    help.addPositional(operands("COMMAND"));
    root.addSubcommand(HELP_COMMAND, new CommandLine(help));
    // An operand starting with @ is the operand, not a file of arguments.
    root.setExpandAtFiles(false);
    return root;
  }

  private static CommandLine.Model.CommandSpec group() {
    CommandLine.Model.CommandSpec group = CommandLine.Model.CommandSpec.create();
    Arrays.stream(Option.values()).forEach(option -> group.addOption(optionSpec(option)));
    return group;
  }

  private static CommandLine.Model.CommandSpec leaf(CommandSpec command) {
    CommandLine.Model.CommandSpec leaf = CommandLine.Model.CommandSpec.create();
    command.options().stream().sorted().forEach(option -> leaf.addOption(optionSpec(option)));
    if (command.takesOperands()) {
      // How many is each command's to check: its message names what the operand is for.
      leaf.addPositional(operands(command.operands().replaceAll("[\\[\\].]", "")));
    }
    return leaf;
  }

  private static PositionalParamSpec operands(String label) {
    return PositionalParamSpec.builder()
        .paramLabel(label)
        .arity("0..*")
        .type(List.class)
        .auxiliaryTypes(String.class)
        .build();
  }

  private static OptionSpec optionSpec(Option option) {
    OptionSpec.Builder builder =
        (option == Option.HELP
                ? OptionSpec.builder(option.flag(), "-h")
                : OptionSpec.builder(option.flag()))
            .description(option.help());
    if (!option.takesValue()) {
      return builder.arity("0").type(boolean.class).build();
    }
    builder.arity("1").paramLabel(option.valueLabel().orElseThrow());
    return option.repeatable()
        ? builder.type(List.class).auxiliaryTypes(String.class).build()
        : builder.type(String.class).build();
  }

  private static void collect(ParseResult level, Map<Option, List<String>> options) {
    // matchedOptions() lists an option once per occurrence; its stringValues() hold them all.
    for (OptionSpec matched : level.matchedOptions().stream().distinct().toList()) {
      Option option = Option.byFlag(matched.longestName()).orElseThrow();
      if (options.containsKey(option) && !option.repeatable()) {
        throw new UsageException(option.flag() + " given more than once");
      }
      List<String> values = options.computeIfAbsent(option, o -> new ArrayList<>());
      values.addAll(option.takesValue() ? matched.stringValues() : List.of());
    }
  }

  private static void checkAllowed(CommandSpec command, Map<Option, List<String>> options) {
    for (Option option : options.keySet()) {
      if (!command.options().contains(option)) {
        throw new UsageException(command.words() + " does not take " + option.flag());
      }
    }
  }

  private String message(ParameterException e) {
    List<String> path = pathOf(e.getCommandLine());
    if (e instanceof UnmatchedArgumentException unmatched) {
      return unmatchedMessage(path, e.getCommandLine(), unmatched.getUnmatched());
    }
    if (e instanceof MissingParameterException missing
        && missing.getMissing().get(0) instanceof OptionSpec option) {
      Option given = Option.byFlag(option.longestName()).orElseThrow();
      return given.flag() + " needs a value: " + given.synopsis();
    }
    if (e instanceof OverwrittenOptionException overwritten
        && overwritten.getOverwritten() instanceof OptionSpec option) {
      return Option.byFlag(option.longestName()).orElseThrow().flag() + " given more than once";
    }
    return e.getMessage();
  }

  private String unmatchedMessage(List<String> path, CommandLine where, List<String> unmatched) {
    String first = unmatched.get(0);
    Optional<CommandSpec> command =
        commands.stream().filter(spec -> spec.path().equals(path)).findFirst();
    if (first.startsWith("-") && !first.equals("-")) {
      String flag = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
      if (command.isPresent() && Option.byFlag(flag).isPresent()) {
        return command.get().words() + " does not take " + flag;
      }
      List<String> known =
          where.getCommandSpec().options().stream().map(OptionSpec::longestName).toList();
      return "unknown option " + flag + ClosestWord.suggestion(flag, known) + " (see --help)";
    }
    if (command.isPresent()) {
      return command.get().words() + " takes no arguments, got: " + String.join(" ", unmatched);
    }
    List<String> subcommands = subcommands(path);
    if (path.isEmpty()) {
      return "unknown command '"
          + first
          + "'"
          + ClosestWord.suggestion(first, subcommands)
          + " (see --help for the commands)";
    }
    String group = String.join(" ", path);
    return "unknown "
        + group
        + " command '"
        + first
        + "'"
        + ClosestWord.suggestion(first, subcommands)
        + ": one of "
        + String.join(", ", subcommands);
  }

  /** The words that may follow {@code path}, in declaration order. */
  private List<String> subcommands(List<String> path) {
    return commands.stream()
        .map(CommandSpec::path)
        .filter(words -> words.size() > path.size() && words.subList(0, path.size()).equals(path))
        .map(words -> words.get(path.size()))
        .distinct()
        .toList();
  }

  private static List<String> pathOf(CommandLine commandLine) {
    List<String> path = new ArrayList<>();
    for (CommandLine level = commandLine; level.getParent() != null; level = level.getParent()) {
      path.add(0, level.getCommandName());
    }
    return path;
  }
}
