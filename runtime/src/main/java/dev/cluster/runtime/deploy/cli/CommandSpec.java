package dev.cluster.runtime.deploy.cli;

import static dev.cluster.runtime.deploy.cli.Option.*;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One command of the deploy client, declared once: its words ("units start"), operands, summary,
 * accepted options and what it does. The parser, the help text and the dispatch all read this one
 * declaration.
 */
public record CommandSpec(
    String words, String operands, String summary, Set<Option> options, CommandHandler handler) {
  /** Options every command accepts. */
  public static final Set<Option> GLOBAL =
      Set.copyOf(
          EnumSet.of(
              HELP,
              REGION,
              PROFILE,
              ENDPOINT_URL,
              SECRETS_ENDPOINT_URL,
              OUTPUT,
              STACK,
              VERSION,
              DEBUG));

  public CommandSpec {
    options = Set.copyOf(options);
  }

  /** A command that takes the {@link #GLOBAL} options and {@code specific} ones. */
  public static CommandSpec of(
      String words, String operands, String summary, CommandHandler handler, Option... specific) {
    Set<Option> options = EnumSet.copyOf(GLOBAL);
    options.addAll(List.of(specific));
    return new CommandSpec(words, operands, summary, options, handler);
  }

  /** Its words one by one: {@code [units, start]}. */
  public List<String> path() {
    return List.of(words.split(" "));
  }

  public boolean takesOperands() {
    return !operands.isEmpty();
  }

  public String usage() {
    return operands.isEmpty() ? words : words + " " + operands;
  }
}
