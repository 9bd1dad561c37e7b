package dev.cluster.contract.agent;

import dev.cluster.contract.text.ClosestWord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What one agent's command line may hold, written once for the processor, which renders it into
 * units ({@link #line()}), and for the agent, which parses it ({@link #parse}): its flags, whether
 * it takes bare words (operands) and whether a wrapped command follows {@code --}. Anything else is
 * refused, naming the agent and the flag, so a mistyped or renamed flag fails the unit's start
 * instead of being silently dropped.
 *
 * @param <A> the agent, so only its own {@link Flag}s fit
 */
public final class AgentCommand<A> {

  /** What may follow the flags. */
  public enum Tail {
    NONE,
    /** bare words, e.g. {@code secrets-env}'s {@code NAME=SECRET_ID ...} */
    OPERANDS,
    /** {@code -- COMMAND ...}, kept verbatim (at least one word) */
    COMMAND
  }

  private final String name;
  private final Map<String, Flag<A>> flags = new LinkedHashMap<>();
  private final Tail tail;

  @SafeVarargs
  AgentCommand(String name, Tail tail, Flag<A>... flags) {
    this.name = name;
    this.tail = tail;
    for (Flag<A> flag : flags) {
      if (this.flags.put(flag.name(), flag) != null) {
        throw new IllegalArgumentException(name + " declares " + flag.option() + " twice");
      }
    }
  }

  /** Its name on the command line, the agents' first argument. */
  public String name() {
    return name;
  }

  public Tail tail() {
    return tail;
  }

  public List<Flag<A>> flags() {
    return List.copyOf(flags.values());
  }

  /** A line to fill with this agent's flags and render. */
  public CommandLine<A> line() {
    return new CommandLine<>(this);
  }

  /**
   * Parses the arguments after the agent's name. Refuses a flag the agent does not take (with the
   * closest one it does), a value missing after a flag, a bare word or {@code --} the agent takes
   * no such thing for, and a required flag missing. A single-valued flag given again overrides the
   * earlier value (a line can be extended by hand to change one setting); {@link CommandLine} never
   * renders one twice.
   */
  public AgentArgs<A> parse(List<String> args) {
    Map<Flag<A>, List<String>> values = new LinkedHashMap<>();
    List<String> operands = new ArrayList<>();
    List<String> command = List.of();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        if (tail != Tail.COMMAND) {
          throw refused("takes no command after --");
        }
        command = List.copyOf(args.subList(i + 1, args.size()));
        break;
      }
      if (!arg.startsWith("--")) {
        if (tail != Tail.OPERANDS) {
          throw refused("takes no bare word, got \"" + arg + "\" (expected --option value)");
        }
        operands.add(arg);
        continue;
      }
      Flag<A> flag = flag(arg.substring(2)).orElseThrow(() -> refused(unknown(arg)));
      List<String> given = values.computeIfAbsent(flag, f -> new ArrayList<>());
      if (!flag.takesValue()) {
        given.add("true");
        continue;
      }
      if (i + 1 >= args.size()) {
        throw refused(flag.option() + " needs a value");
      }
      given.add(args.get(++i));
    }
    if (tail == Tail.COMMAND && command.isEmpty()) {
      throw refused("needs the command to run after --");
    }
    checkRequired(values.keySet());
    return new AgentArgs<>(this, values, operands, command);
  }

  void checkRequired(java.util.Set<Flag<A>> given) {
    List<String> missing =
        flags.values().stream()
            .filter(Flag::required)
            .filter(f -> !given.contains(f))
            .map(Flag::option)
            .toList();
    if (!missing.isEmpty()) {
      throw refused("needs " + String.join(", ", missing));
    }
  }

  boolean owns(Flag<A> flag) {
    return flags.get(flag.name()) == flag;
  }

  IllegalArgumentException refused(String what) {
    return new IllegalArgumentException("the " + name + " agent " + what);
  }

  private Optional<Flag<A>> flag(String name) {
    return Optional.ofNullable(flags.get(name));
  }

  private String unknown(String option) {
    List<String> known =
        new ArrayList<>(new TreeSet<>(flags.keySet())).stream().map(f -> "--" + f).toList();
    return "takes no option "
        + option
        + ClosestWord.suggestion(option, known)
        + "; it takes: "
        + String.join(", ", known);
  }

  @Override
  public String toString() {
    return name;
  }
}
