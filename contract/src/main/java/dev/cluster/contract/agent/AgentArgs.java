package dev.cluster.contract.agent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agent's parsed command line ({@link AgentCommand#parse}): read only through the agent's own
 * flags.
 */
public final class AgentArgs<A> {

  private final AgentCommand<A> agent;
  private final Map<Flag<A>, List<String>> values;
  private final List<String> operands;
  private final List<String> command;

  AgentArgs(
      AgentCommand<A> agent,
      Map<Flag<A>, List<String>> values,
      List<String> operands,
      List<String> command) {
    this.agent = agent;
    Map<Flag<A>, List<String>> copy = new LinkedHashMap<>();
    values.forEach((flag, given) -> copy.put(flag, List.copyOf(given)));
    this.values = Map.copyOf(copy);
    this.operands = List.copyOf(operands);
    this.command = List.copyOf(command);
  }

  /**
   * The value of a flag every line holds ({@link AgentCommand#parse} refused a line without it).
   */
  public String required(Flag<A> flag) {
    return optional(flag).orElseThrow(() -> agent.refused("needs " + flag.option()));
  }

  /** The flag's value, the last one where it was given more than once. */
  public Optional<String> optional(Flag<A> flag) {
    List<String> given = all(flag);
    return given.isEmpty() ? Optional.empty() : Optional.of(given.get(given.size() - 1));
  }

  public String get(Flag<A> flag, String fallback) {
    return optional(flag).orElse(fallback);
  }

  /** Every value of a repeated flag, in order. */
  public List<String> all(Flag<A> flag) {
    if (!agent.owns(flag)) {
      throw agent.refused("has no " + flag.option() + " of its own");
    }
    return values.getOrDefault(flag, List.of());
  }

  /** Whether a switch was given. */
  public boolean isSet(Flag<A> aSwitch) {
    return !all(aSwitch).isEmpty();
  }

  public List<String> operands() {
    return operands;
  }

  /** The wrapped command after {@code --}, verbatim. */
  public List<String> command() {
    return command;
  }
}
