package dev.cluster.contract.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One agent's command line as the processor renders it into a unit: the agent's name, then its
 * flags in the order they are added (so the units read as they were written), then its operands or
 * {@code -- COMMAND}. Rendering refuses what the agent's {@link AgentCommand#parse} would, so a
 * line the processor writes is one the agent takes.
 */
public final class CommandLine<A> {

  private final AgentCommand<A> agent;
  private final List<String> flags = new ArrayList<>();
  private final Set<Flag<A>> given = new HashSet<>();
  private final List<String> operands = new ArrayList<>();
  private final List<String> command = new ArrayList<>();

  CommandLine(AgentCommand<A> agent) {
    this.agent = agent;
  }

  /** {@code --flag value}. */
  public CommandLine<A> with(Flag<A> flag, String value) {
    owned(flag);
    if (!flag.takesValue()) {
      throw agent.refused(flag.option() + " takes no value");
    }
    if (!given.add(flag) && flag.kind() == Flag.Kind.VALUE) {
      throw agent.refused("takes " + flag.option() + " once");
    }
    flags.add(flag.option());
    flags.add(value);
    return this;
  }

  /** {@code --flag value} for each value, in order. */
  public CommandLine<A> withEach(Flag<A> flag, List<String> values) {
    values.forEach(value -> with(flag, value));
    return this;
  }

  /** A switch, {@code --flag} alone. */
  public CommandLine<A> with(Flag<A> aSwitch) {
    owned(aSwitch);
    if (aSwitch.takesValue()) {
      throw agent.refused(aSwitch.option() + " needs a value");
    }
    if (given.add(aSwitch)) {
      flags.add(aSwitch.option());
    }
    return this;
  }

  public CommandLine<A> operands(List<String> words) {
    if (agent.tail() != AgentCommand.Tail.OPERANDS) {
      throw agent.refused("takes no bare word");
    }
    operands.addAll(words);
    return this;
  }

  /** The wrapped command, after {@code --}. */
  public CommandLine<A> command(List<String> words) {
    if (agent.tail() != AgentCommand.Tail.COMMAND) {
      throw agent.refused("takes no command after --");
    }
    command.addAll(words);
    return this;
  }

  /** The agent's name and its arguments, each one word. */
  public List<String> render() {
    agent.checkRequired(given);
    if (agent.tail() == AgentCommand.Tail.COMMAND && command.isEmpty()) {
      throw agent.refused("needs the command to run after --");
    }
    List<String> line = new ArrayList<>();
    line.add(agent.name());
    line.addAll(flags);
    line.addAll(operands);
    if (!command.isEmpty()) {
      line.add("--");
      line.addAll(command);
    }
    return List.copyOf(line);
  }

  private void owned(Flag<A> flag) {
    if (!agent.owns(flag)) {
      throw agent.refused("has no " + flag.option() + " of its own");
    }
  }
}
