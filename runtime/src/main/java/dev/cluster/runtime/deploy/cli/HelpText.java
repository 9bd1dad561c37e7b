package dev.cluster.runtime.deploy.cli;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The text {@code --help} prints: all commands, or one command with its options. */
public final class HelpText {
  private HelpText() {}

  public static String overview(String clusterName, List<CommandSpec> commands) {
    StringBuilder text = new StringBuilder();
    text.append("Deploy client of cluster ").append(clusterName).append("\n\n");
    text.append("Usage: COMMAND [options]\n\nCommands:\n");
    int width = commands.stream().mapToInt(c -> c.usage().length()).max().orElse(0);
    for (CommandSpec command : commands) {
      text.append("  ")
          .append(pad(command.usage(), width))
          .append("  ")
          .append(command.summary())
          .append('\n');
    }
    text.append("\nOptions for every command:\n");
    appendOptions(text, CommandSpec.GLOBAL.stream().sorted().toList());
    text.append("\nRun COMMAND --help for the options of one command.\n");
    return text.toString();
  }

  public static String of(CommandSpec command) {
    StringBuilder text = new StringBuilder();
    text.append("Usage: ").append(command.usage()).append(" [options]\n\n");
    text.append(command.summary()).append("\n\nOptions:\n");
    appendOptions(text, command.options().stream().sorted(Comparator.naturalOrder()).toList());
    return text.toString();
  }

  private static void appendOptions(StringBuilder text, List<Option> options) {
    int width = options.stream().mapToInt(o -> o.synopsis().length()).max().orElse(0);
    text.append(
        options.stream()
            .map(o -> "  " + pad(o.synopsis(), width) + "  " + o.help() + "\n")
            .collect(Collectors.joining()));
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
