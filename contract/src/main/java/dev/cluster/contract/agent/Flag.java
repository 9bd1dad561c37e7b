package dev.cluster.contract.agent;

/**
 * One option of agent {@code A}'s command line, {@code --name}: its type parameter is the agent's,
 * so a flag of one agent cannot be rendered into or read from another's line.
 *
 * @param name without the leading {@code --}
 * @param kind whether it takes a value, may repeat, or stands alone
 * @param required whether every line of the agent must hold it
 */
public record Flag<A>(String name, Kind kind, boolean required) {

  public enum Kind {
    /** {@code --name value}, at most once. */
    VALUE,
    /** {@code --name value}, any number of times, in order. */
    REPEATED,
    /** {@code --name} alone. */
    SWITCH
  }

  public Flag {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "a flag's name is lowercase words joined by -, got \"" + name + "\"");
    }
    if (required && kind == Kind.SWITCH) {
      throw new IllegalArgumentException("a switch cannot be required: --" + name);
    }
  }

  static <A> Flag<A> required(String name) {
    return new Flag<>(name, Kind.VALUE, true);
  }

  static <A> Flag<A> optional(String name) {
    return new Flag<>(name, Kind.VALUE, false);
  }

  static <A> Flag<A> repeated(String name) {
    return new Flag<>(name, Kind.REPEATED, false);
  }

  static <A> Flag<A> aSwitch(String name) {
    return new Flag<>(name, Kind.SWITCH, false);
  }

  public String option() {
    return "--" + name;
  }

  boolean takesValue() {
    return kind != Kind.SWITCH;
  }
}
